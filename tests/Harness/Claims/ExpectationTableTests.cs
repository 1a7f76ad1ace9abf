using System.Text.RegularExpressions;
using Conformance.Fixtures.Claims;

namespace Conformance.Harness.Tests.Claims;

/// <summary>The expectation tables stay in step with the catalogue, every entry says where it comes from, and each
/// behaviour lives in the table of the code that causes it.</summary>
public sealed partial class ExpectationTableTests
{
    private static ExpectationTable Table => ExpectationTable.Default;

    private static IEnumerable<(string Table, Expectation Entry)> Entries =>
        Table.OsFamilies.SelectMany(os => Table.For(os).Select(e => (os, e)))
            .Concat(Table.Runtimes.SelectMany(r => r.Expectations.Select(e => (r.Name, e))));

    [Test]
    public void EveryOsFamilyHasATable() =>
        Assert.That(Table.OsFamilies, Is.EquivalentTo(new[] { "linux", "macos", "freebsd", "windows" }));

    /// <summary>Wine's own departures live apart from Windows': every entry of wine.json applies to Wine alone (its
    /// platform's C library is Wine's ws2_32), so no prediction for Windows reads it, and each says why it is Wine's
    /// and not Windows' behaviour.</summary>
    [Test]
    public void WinesTableAppliesToWineAloneAndSaysItIsWinesOwn()
    {
        var wine = ExpectationTable.Parse([("wine.json", File.OpenRead(Path.Combine(RepositoryRoot.Find()!, "tests", "Fixtures", "Expectations", "wine.json")))]);
        var entries = wine.For("windows");
        Assert.That(entries, Is.Not.Empty);
        Assert.That(entries.Where(e => e.When?.GetValueOrDefault("libc") != "ws2_32 (Wine)").Select(e => e.Claim), Is.Empty, "every entry has \"when\": {\"libc\": \"ws2_32 (Wine)\"}");
        Assert.That(entries.Where(e => !e.Reason.StartsWith("Wine's own", StringComparison.Ordinal)).Select(e => e.Claim), Is.Empty, "each reason begins \"Wine's own\"");
    }

    /// <summary>The runtime's Unix code (its PAL, its error table) runs on every Unix; its Windows code on Windows alone
    /// (and under Wine, which is Windows to it).</summary>
    [Test]
    public void TheDotnetRuntimesUnixAndWindowsCodeEachHaveATable() => Assert.Multiple(() =>
    {
        var runtimes = Table.Runtimes.Where(r => r.Layer == Layers.Dotnet.Api).ToDictionary(r => r.Name);
        Assert.That(runtimes[".NET on Unix"].Os, Is.EquivalentTo(new[] { "linux", "macos", "freebsd" }));
        Assert.That(runtimes[".NET on Windows"].Os, Is.EquivalentTo(new[] { "windows" }));
    });

    [Test]
    public void EveryEntryIsAboutACatalogueClaimAndItsKeys()
    {
        var wrong = Entries
            .Where(x => !Catalogue.Default.Contains(x.Entry.Claim)
                || x.Entry.Observed.Keys.Except(Catalogue.Default[x.Entry.Claim].Expected.Keys).Any())
            .Select(x => $"{x.Table}: {x.Entry.Claim}");
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void EveryEntryHasAReasonAndAReference() =>
        Assert.That(Entries.Where(x => string.IsNullOrWhiteSpace(x.Entry.Reason) || string.IsNullOrWhiteSpace(x.Entry.Reference)).Select(x => x.Entry.Claim), Is.Empty);

    [Test]
    public void EveryEntryDocumentsAValueTheFaqDoesNotExpect()
    {
        // An entry whose every value the FAQ's own pattern accepts documents nothing: the claim holds. The FAQ's pattern
        // is its words for that OS where it has some (an OS table's name is its OS family).
        var redundant = Entries
            .Where(x => Catalogue.Default.Contains(x.Entry.Claim)
                && x.Entry.Observed.All(o => Pattern.Matches(Catalogue.Default[x.Entry.Claim].For(x.Table).Expected[o.Key], o.Value)))
            .Select(x => $"{x.Table}: {x.Entry.Claim}");
        Assert.That(redundant, Is.Empty);
    }

    /// <summary>What the runtime does on every OS it runs on is written once, in its table; an OS table may hold a
    /// layer's entry only where the value is the OS's own answer to what the runtime asked, and then cites the OS.</summary>
    [Test]
    public void NoOsTableHoldsAnEntryWhoseOnlyCauseIsTheRuntime()
    {
        var runtimeOnly = OsLayerEntries
            .Where(x => References(x.Entry).All(IsRuntimeSource))
            .Select(x => $"{x.Os}: {x.Entry.Claim}@{x.Entry.Layer} cites only the runtime; move it to the runtime's table");
        Assert.That(runtimeOnly, Is.Empty);
    }

    /// <summary>An OS table's entry for a layer is the OS's answer to what the runtime asked: it names the runtime code
    /// that asked, as a file and function, not an strace.</summary>
    [Test]
    public void EveryLayerEntryOfAnOsTableCitesTheRuntimeSourceToo()
    {
        var uncited = OsLayerEntries
            .Where(x => !References(x.Entry).Any(RuntimeFunction().IsMatch))
            .Select(x => $"{x.Os}: {x.Entry.Claim}@{x.Entry.Layer}: {x.Entry.Reference}");
        Assert.That(uncited, Is.Empty);
    }

    [Test]
    public void EveryRuntimeEntryAndRenameCitesTheRuntimeFileAndFunctionThatCauseIt()
    {
        var references = Table.Runtimes.SelectMany(r =>
            r.Expectations.Select(e => (What: $"{r.Name}: {e.Claim}", e.Reference))
                .Concat(r.Renames.Select(n => (What: $"{r.Name}: {n.From} -> {n.To}", n.Reference))));
        Assert.That(references.Where(x => !RuntimeFunction().IsMatch(x.Reference)).Select(x => $"{x.What}: {x.Reference}"), Is.Empty);
    }

    /// <summary>The entries of OS tables that are about one layer.</summary>
    private static IEnumerable<(string Os, Expectation Entry)> OsLayerEntries =>
        Table.OsFamilies.SelectMany(os => Table.For(os).Where(e => e.Layer is not null).Select(e => (os, e)));

    /// <summary>An entry's references, one per "; "-separated part.</summary>
    private static IEnumerable<string> References(Expectation entry) => entry.Reference.Split(';').Select(part => part.Trim());

    private static bool IsRuntimeSource(string reference) =>
        reference.StartsWith("dotnet/runtime", StringComparison.Ordinal)
        || reference.StartsWith("strace", StringComparison.Ordinal)
        || reference.Contains("learn.microsoft.com/dotnet", StringComparison.Ordinal);

    /// <summary>"dotnet/runtime src/.../File.cs Function" or "... pal_networking.c SystemNative_Bind".</summary>
    [GeneratedRegex(@"^dotnet/runtime src/\S+\.(cs|c) [A-Z]\w+")]
    private static partial Regex RuntimeFunction();
}
