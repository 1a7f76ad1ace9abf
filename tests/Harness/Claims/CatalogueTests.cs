using System.Text.RegularExpressions;
using Conformance.Fixtures.Claims;

namespace Conformance.Harness.Tests.Claims;

/// <summary>The catalogue in code against its sources: the FAQ's own words, and claims.md's ids and sections.</summary>
public sealed partial class CatalogueTests
{
    private static Catalogue Catalogue => Catalogue.Default;

    [Test]
    public void EveryQuoteIsTheFaqsOwnWords()
    {
        var faq = Normalise(File.ReadAllText(SharedFolder.File("faq/unix-socket-faq.txt")));
        var misquoted = Catalogue.Claims.Where(c => c.BeyondFaq is null && !faq.Contains(Normalise(c.Quote ?? ""), StringComparison.Ordinal)).Select(c => c.Id);
        Assert.That(misquoted, Is.Empty, "quotes not found verbatim in faq/unix-socket-faq.txt");
    }

    [Test]
    public void IdsAndSectionsMatchClaimsMd()
    {
        var spec = ClaimsMdRows().ToDictionary(r => r.Id, r => r.Faq);
        var implemented = Catalogue.Claims.Where(c => c.BeyondFaq is null).ToDictionary(c => c.Id, c => c.Faq);
        Assert.Multiple(() =>
        {
            Assert.That(implemented.Keys.Except(spec.Keys), Is.Empty, "catalogue ids that claims.md does not have");
            Assert.That(implemented.Where(c => spec.TryGetValue(c.Key, out var faq) && faq != c.Value).Select(c => c.Key), Is.Empty, "sections that differ from claims.md");
            foreach (var group in Catalogue.Claims.Select(c => c.Group).Distinct())
            {
                Assert.That(spec.Keys.Where(id => id.StartsWith(group + ".", StringComparison.Ordinal)).Except(implemented.Keys), Is.Empty,
                    $"claims.md {group}.* ids missing from the catalogue");
            }
        });
    }

    /// <summary>What the page shows as a claim's scenario is claims.md's, word for word, where claims.md has one.</summary>
    [Test]
    public void EveryScenarioIsClaimsMdsOwn()
    {
        var spec = ClaimsMdRows().Where(r => r.Scenario is not null).ToDictionary(r => r.Id, r => r.Scenario);
        Assert.That(Catalogue.Claims.Where(c => string.IsNullOrWhiteSpace(c.Scenario)).Select(c => c.Id), Is.Empty, "every claim says what its scenario does");
        Assert.That(Catalogue.Claims.Where(c => spec.TryGetValue(c.Id, out var s) && s != c.Scenario).Select(c => c.Id), Is.Empty,
            "scenarios that differ from claims.md's");
    }

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

    /// <summary>claims.md's table rows: id, FAQ section, and the scenario where the row has that column (five cells: id,
    /// FAQ, what the FAQ says, scenario, observe).</summary>
    private static IEnumerable<(string Id, string Faq, string? Scenario)> ClaimsMdRows() =>
        File.ReadLines(SharedFolder.File("claims.md"))
            .Where(line => Row().IsMatch(line))
            .Select(line => CellSeparator().Split(line.Trim().Trim('|')).Select(c => c.Trim()).ToArray())
            .Select(cells => (cells[0], cells[1], cells.Length >= 5 ? cells[3] : (string?)null));

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\| (?<id>(tcp|udp|opt)\.[a-z0-9.-]+) \| (?<faq>[^|]+) \|")]
    private static partial Regex Row();
}
