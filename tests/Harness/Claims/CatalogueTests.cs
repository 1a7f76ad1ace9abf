using System.Text.RegularExpressions;
using Conformance.Fixtures.Claims;

namespace Conformance.Harness.Tests.Claims;

/// <summary>The live catalogue's own checks: the FAQ's own words, families, layers, scenarios, and claims.md's ids kept
/// (each a claim or retired). The suite's other tests render and judge fixture catalogues, so a new claim costs its
/// catalogue entry and its test, not a change to them.</summary>
public sealed partial class CatalogueTests
{
    private static Catalogue Catalogue => Catalogue.Default;

    /// <summary>A quote is the FAQ's words verbatim; " … " leaves out words between two of its parts, which follow
    /// each other in the FAQ in that order.</summary>
    [Test]
    public void EveryQuoteIsTheFaqsOwnWords()
    {
        var faq = Normalise(File.ReadAllText(SharedFolder.File("faq/unix-socket-faq.txt")));
        var misquoted = Catalogue.Claims.Where(c => c.BeyondFaq is null && !Quotes(faq, c.Quote ?? "")).Select(c => c.Id);
        Assert.That(misquoted, Is.Empty, "quotes not found verbatim in faq/unix-socket-faq.txt");
    }

    [TestCase("a b c d", "b c", true)]
    [TestCase("a b c d", "a … d", true)]
    [TestCase("a b c d", "d … a", false)]
    [TestCase("a b c d", "a … e", false)]
    public void AnEllipsisLeavesOutWordsInOrder(string text, string quote, bool found) =>
        Assert.That(Quotes(text, quote), Is.EqualTo(found));

    private static bool Quotes(string faq, string quote)
    {
        var at = 0;
        foreach (var part in Normalise(quote).Split(" … "))
        {
            var found = faq.IndexOf(part, at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + part.Length;
        }

        return true;
    }

    /// <summary>claims.md was the first specification and is history: the catalogue is the one source of truth, and a
    /// new claim, or a scenario made true to the FAQ, is the catalogue's alone. Only its ids stay stable: each one it
    /// names is a claim here, or retired here with where its question went.</summary>
    [Test]
    public void EveryIdOfClaimsMdIsAClaimOrRetiredWithAReason()
    {
        var named = ClaimsMdRows().Select(r => r.Id).ToList();
        Assert.That(named, Is.Not.Empty, "claims.md's table rows were read");
        Assert.Multiple(() =>
        {
            Assert.That(named.Where(id => !Catalogue.Contains(id) && !Catalogue.IsRetired(id)), Is.Empty, "ids of claims.md neither claimed nor retired");
            Assert.That(Catalogue.Retired.Where(r => string.IsNullOrWhiteSpace(r.Reason)).Select(r => r.Id), Is.Empty, "a retired id says where its question went");
            Assert.That(Catalogue.Retired.Where(r => Catalogue.Contains(r.Id)).Select(r => r.Id), Is.Empty, "a retired id is no longer a claim");
        });
    }

    [Test]
    public void EveryClaimSaysWhatItsScenarioDoes() =>
        Assert.That(Catalogue.Claims.Where(c => string.IsNullOrWhiteSpace(c.Scenario)).Select(c => c.Id), Is.Empty);

    [Test]
    public void IdsAreUniqueAndEveryClaimExpectsSomething()
    {
        Assert.That(Catalogue.Claims.Select(c => c.Id), Is.Unique);
        Assert.That(Catalogue.Claims.Where(c => c.Expected.Count == 0).Select(c => c.Id), Is.Empty);
    }

    [Test]
    public void AClaimBeyondTheFaqNamesItsSourceAndQuotesNothing() =>
        Assert.That(Catalogue.Claims.Where(c => (c.BeyondFaq is null) == (c.Quote is null)).Select(c => c.Id), Is.Empty,
            "every claim either quotes the FAQ or, going beyond it, names its source in beyondFaq (and has no quote)");

    /// <summary>The family dimension: a claim runs over IPv4 and IPv6 from one body, or says why it runs once.</summary>
    [Test]
    public void EveryClaimRunsOverBothFamiliesOrSaysWhyNot()
    {
        var neither = Catalogue.Claims.Where(c => (c.Families is null) == string.IsNullOrWhiteSpace(c.OneFamily)).Select(c => c.Id);
        Assert.That(neither, Is.Empty, "each claim has either \"families\": [\"ipv4\", \"ipv6\"] or a \"oneFamily\" reason, not both");
        var odd = Catalogue.Claims.Where(c => c.Families is { } f && !f.SequenceEqual(["ipv4", "ipv6"])).Select(c => c.Id);
        Assert.That(odd, Is.Empty, "families is [\"ipv4\", \"ipv6\"]: the IPv4 run keeps the claim's id, the IPv6 run is id/ipv6");
    }

    [Test]
    public void RowsAreEachClaimOncePerFamily()
    {
        var rows = Catalogue.Rows.Select(r => r.Key).ToList();
        Assert.That(rows, Is.Unique);
        Assert.That(rows, Has.Count.EqualTo(Catalogue.Claims.Sum(c => c.Runs.Count)));
        Assert.That(rows, Does.Contain("tcp.read-zero-after-fin").And.Contain("tcp.read-zero-after-fin/ipv6").And.Not.Contain("tcp.getservbyname/ipv6"));
    }

    /// <summary>How a run spreads its claims (waits) and which claims run alone on a shared loopback (alone) are the
    /// catalogue's to say, each with its reason, so neither is a guess in the runner.</summary>
    [Test]
    public void WaitsAndRunningAloneEachSayWhy()
    {
        Assert.That(Catalogue.Claims.Where(c => c.Waits is { } w && (w.Ms <= 0 || string.IsNullOrWhiteSpace(w.For))).Select(c => c.Id), Is.Empty,
            "\"waits\" gives a positive \"ms\" and what the scenario waits \"for\"");
        Assert.That(Catalogue.Claims.Where(c => c.Alone is { } why && string.IsNullOrWhiteSpace(why)).Select(c => c.Id), Is.Empty,
            "\"alone\" says what a neighbour on the same loopback could change");
        Assert.That(Catalogue.Claims.Where(c => c.Alone is not null).Select(c => c.Id), Does.Contain("udp.connected-icmp").And.Contain("tcp.privileged-port"));
    }

    [Test]
    public void TheLeftOutSectionsAreListedWithAReason() =>
        Assert.That(Catalogue.LeftOut.Where(l => string.IsNullOrWhiteSpace(l.Reason)), Is.Empty);

    private static string Normalise(string text) => Whitespace().Replace(text, " ");

    /// <summary>claims.md's table rows: the id in the first cell.</summary>
    private static IEnumerable<(string Id, string Faq)> ClaimsMdRows() =>
        File.ReadLines(SharedFolder.File("claims.md")).Select(line => Row().Match(line)).Where(m => m.Success)
            .Select(m => (m.Groups["id"].Value, m.Groups["faq"].Value.Trim()));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\| (?<id>(tcp|udp|opt)\.[a-z0-9.-]+) \| (?<faq>[^|]+) \|")]
    private static partial Regex Row();
}
