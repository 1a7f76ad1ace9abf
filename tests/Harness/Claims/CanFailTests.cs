using System.Globalization;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;

namespace Conformance.Harness.Tests.Claims;

/// <summary>Every claim can come out the other way: for each claim and each key it checks, an observation that
/// holds is changed in that one key to a value the pattern rejects, and the verdict must then be
/// <c>differs</c>. A claim with no such key cannot fail and is named. A <c>*</c> is allowed only with the
/// reason in the catalogue why no value can be expected.</summary>
public sealed class CanFailTests
{
    private static readonly PlatformFacts Nowhere = new("nowhere", "0", new Dictionary<string, string?>());

    private static IEnumerable<CatalogueEntry> Claims => Catalogue.Default.Claims;

    public static IEnumerable<string> ClaimIds => Claims.Select(c => c.Id);

    [Test]
    public void AStarNeedsAStatedReasonAndOnlyAStarHasOne()
    {
        var unreasoned = Claims.SelectMany(c => c.Expected.Where(e => e.Value == "*" && c.Unchecked?.GetValueOrDefault(e.Key) is not { Length: > 20 })
            .Select(e => $"{c.Id}: {e.Key}"));
        var stray = Claims.SelectMany(c => (c.Unchecked ?? []).Keys.Where(k => c.Expected.GetValueOrDefault(k) != "*").Select(k => $"{c.Id}: {k}"));
        Assert.That(unreasoned, Is.Empty, "'*' patterns without a reason in \"unchecked\" (say why no value can be expected)");
        Assert.That(stray, Is.Empty, "\"unchecked\" reasons for keys whose pattern is not '*'");
    }

    [Test]
    public void TheRuleRejectsAStarWithoutAReason()
    {
        var claim = new CatalogueEntry { Id = "x.y", Faq = "0", Title = "t", Scenario = "s", Quote = "q", Expected = new() { ["k"] = "*" } };
        Assert.That(claim.Expected.Where(e => e.Value == "*" && claim.Unchecked?.GetValueOrDefault(e.Key) is not { Length: > 20 }), Is.Not.Empty);
    }

    [TestCaseSource(nameof(ClaimIds))]
    public void EveryClaimCanFail(string id)
    {
        var claim = Catalogue.Default[id];
        var holding = Holding(claim);
        Assert.That(Verdicts.Judge(claim, holding, Nowhere, ExpectationTable.Default).Verdict, Is.EqualTo(Verdict.Holds),
            $"the observation meant to hold does not: {string.Join(", ", holding)}");

        var checkable = claim.Expected.Where(e => e.Value != "*").ToList();
        Assert.That(checkable, Is.Not.Empty, $"{claim.Id} cannot fail: every key is '*'");
        foreach (var (key, pattern) in checkable)
        {
            var changed = new Dictionary<string, string>(holding) { [key] = Rejected(pattern) };
            Assert.That(Verdicts.Judge(claim, changed, Nowhere, ExpectationTable.Default).Verdict, Is.EqualTo(Verdict.Differs),
                $"{claim.Id}: {key} = {changed[key]} should differ from the pattern {pattern}");
        }
    }

    /// <summary>The claim's own recorded observation on this machine where it holds with the keys the catalogue lists
    /// today (ci/baselines/host.json), else one made from the patterns: a claim whose keys changed since the
    /// baseline was approved is checked all the same.</summary>
    private static Dictionary<string, string> Holding(CatalogueEntry claim)
    {
        var recorded = ResultsFile.Load(Path.Combine(RepositoryRoot.Find()!, "ci", "baselines", "host.json")).Claims.SingleOrDefault(c => c.Row == claim.Id);
        return recorded is { Verdict: Verdict.Holds } && recorded.Observed.Keys.Order().SequenceEqual(claim.Expected.Keys.Order()) ? recorded.Observed
            : claim.Expected.ToDictionary(e => e.Key, e => Satisfying(e.Value));
    }

    /// <summary>A value the pattern accepts: the first alternative, or a number on the right side of a bound.</summary>
    private static string Satisfying(string pattern)
    {
        var first = pattern.Split('|')[0].Trim();
        if (first.Split(' ') is { Length: > 1 } bounds && bounds.All(b => b.Length > 1 && b[0] is '<' or '>'))
        {
            first = bounds[0]; // a range's lower bound satisfies it
        }

        return first switch
        {
            "*" => "anything",
            _ when first.StartsWith('!') => "ENOTANERRNO",
            _ when first.StartsWith(">=", StringComparison.Ordinal) || first.StartsWith("<=", StringComparison.Ordinal) => first[2..],
            _ when first.StartsWith('>') => Shift(first[1..], +1),
            _ when first.StartsWith('<') => Shift(first[1..], -1),
            _ => first,
        };
    }

    /// <summary>A value the pattern rejects: a name no platform uses, or a number outside every bound.</summary>
    private static string Rejected(string pattern) =>
        new[] { "ENOTANERRNO", "-1000000000", "1000000000", pattern.TrimStart('!') }.FirstOrDefault(v => !Pattern.Matches(pattern, v))
        ?? throw new AssertionException($"no value is rejected by the pattern {pattern}");

    private static string Shift(string number, int by) =>
        (double.Parse(number, CultureInfo.InvariantCulture) + by).ToString(CultureInfo.InvariantCulture);
}
