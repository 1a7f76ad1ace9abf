using Conformance.Fixtures.Claims;

namespace Conformance.Harness.Tests.Claims;

/// <summary>The expectation tables stay in step with the catalogue, and every entry says where it comes from.</summary>
public sealed class ExpectationTableTests
{
    private static IEnumerable<(string Os, Expectation Entry)> Entries =>
        ExpectationTable.Default.OsFamilies.SelectMany(os => ExpectationTable.Default.For(os).Select(e => (os, e)));

    [Test]
    public void EveryOsFamilyHasATable() =>
        Assert.That(ExpectationTable.Default.OsFamilies, Is.EquivalentTo(new[] { "linux", "macos", "freebsd", "windows" }));

    [Test]
    public void EveryEntryIsAboutACatalogueClaimAndItsKeys()
    {
        var wrong = Entries
            .Where(x => !Catalogue.Default.Contains(x.Entry.Claim)
                || x.Entry.Observed.Keys.Except(Catalogue.Default[x.Entry.Claim].Expected.Keys).Any())
            .Select(x => $"{x.Os}: {x.Entry.Claim}");
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void EveryEntryHasAReasonAndAReference() =>
        Assert.That(Entries.Where(x => string.IsNullOrWhiteSpace(x.Entry.Reason) || string.IsNullOrWhiteSpace(x.Entry.Reference)).Select(x => x.Entry.Claim), Is.Empty);

    [Test]
    public void EveryEntryDocumentsAValueTheFaqDoesNotExpect()
    {
        // An entry whose every value the FAQ's own pattern accepts documents nothing: the claim holds.
        var redundant = Entries
            .Where(x => Catalogue.Default.Contains(x.Entry.Claim)
                && x.Entry.Observed.All(o => Pattern.Matches(Catalogue.Default[x.Entry.Claim].Expected[o.Key], o.Value)))
            .Select(x => $"{x.Os}: {x.Entry.Claim}");
        Assert.That(redundant, Is.Empty);
    }
}
