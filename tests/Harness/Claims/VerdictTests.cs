using Conformance.Fixtures.Claims;

namespace Conformance.Harness.Tests.Claims;

public sealed class VerdictTests
{
    private static readonly CatalogueEntry Claim = new()
    {
        Id = "tcp.example",
        Faq = "2.1",
        Title = "an example",
        Scenario = "an example",
        Quote = "an example",
        Expected = new() { ["write#1"] = "1", ["write#2"] = "EPIPE" },
    };

    private static readonly PlatformFacts Linux61 = new("linux", "6.1.0-18-cloud-amd64", new Dictionary<string, string?> { ["container"] = null });

    private static ExpectationTable Table(params Expectation[] entries) => new(new() { ["linux"] = [.. entries] });

    private static Expectation Documented(string observed, string? versions = null) => new()
    {
        Claim = "tcp.example",
        Versions = versions,
        Observed = new() { ["write#2"] = observed },
        Reason = "why",
        Reference = "where",
    };

    private static Dictionary<string, string> Observed(string second) => new() { ["write#1"] = "1", ["write#2"] = second };

    [Test]
    public void WhatTheFaqSaysHolds() =>
        Assert.That(Verdicts.Judge(Claim, Observed("EPIPE"), Linux61, Table()).Verdict, Is.EqualTo(Verdict.Holds));

    [Test]
    public void AnUndocumentedDifferenceDiffersWithANoteSayingWhat()
    {
        var judgement = Verdicts.Judge(Claim, Observed("ECONNRESET"), Linux61, Table());
        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Differs));
        Assert.That(judgement.Documented, Is.Null);
        Assert.That(judgement.Note, Does.Contain("write#2 expected EPIPE, observed ECONNRESET"));
    }

    [Test]
    public void ADocumentedDifferenceCarriesItsEntry()
    {
        var judgement = Verdicts.Judge(Claim, Observed("ECONNRESET"), Linux61, Table(Documented("ECONNRESET")));
        Assert.That((judgement.Verdict, judgement.Documented?.Reason), Is.EqualTo((Verdict.Differs, "why")));
    }

    [Test]
    public void AnEntryDocumentsOnlyTheValuesItNames() =>
        Assert.That(Verdicts.Judge(Claim, Observed("EINVAL"), Linux61, Table(Documented("ECONNRESET"))).Documented, Is.Null);

    [Test]
    public void AnEntryOutsideItsVersionRangeDoesNotApply() =>
        Assert.That(Verdicts.Judge(Claim, Observed("ECONNRESET"), Linux61, Table(Documented("ECONNRESET", ">=6.2"))).Documented, Is.Null);

    [Test]
    public void ObservedKeysOtherThanTheCatalogueListsAreTheScenariosError()
    {
        var judgement = Verdicts.Judge(Claim, new Dictionary<string, string> { ["write#1"] = "1" }, Linux61, Table());
        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(judgement.Note, Does.Contain("catalogue lists [write#1, write#2]"));
    }

    /// <summary>A key the layer cannot observe (Socket.Close returns nothing) is left out, with its reason: the cell is
    /// judged on the other keys, and an entry that names the left-out key still documents the rest.</summary>
    [Test]
    public void AKeyTheLayerCannotObserveIsLeftOutOfTheJudgement() => Assert.Multiple(() =>
    {
        var unobserved = new Dictionary<string, string> { ["write#2"] = "not visible here" };
        var partial = new Dictionary<string, string> { ["write#1"] = "1" };
        Assert.That(Verdicts.Judge(Claim, partial, Linux61, Table(), unobserved: unobserved).Verdict, Is.EqualTo(Verdict.Holds));
        Assert.That(Verdicts.Judge(Claim, partial, Linux61, Table()).Verdict, Is.EqualTo(Verdict.Error), "without the reason a missing key is the scenario's error");

        var entry = Documented("ECONNRESET") with { Observed = new() { ["write#1"] = "0", ["write#2"] = "ECONNRESET" } };
        var zero = new Dictionary<string, string> { ["write#1"] = "0" };
        Assert.That(Verdicts.Judge(Claim, zero, Linux61, Table(entry), unobserved: unobserved).Documented, Is.EqualTo(entry));

        var nothing = new Dictionary<string, string> { ["write#1"] = "r1", ["write#2"] = "r2" };
        Assert.That(Verdicts.Judge(Claim, new Dictionary<string, string>(), Linux61, Table(), unobserved: nothing).Verdict, Is.EqualTo(Verdict.Unsupported),
            "a cell with every key left out is not a cell that holds");
    });

    private static readonly ErrorRename EpipeAsShutdown = new()
    {
        From = "EPIPE",
        To = "ESHUTDOWN",
        Reason = "the runtime renames it",
        Reference = "its error table",
    };

    private static ExpectationTable WithRuntime(IReadOnlyList<Expectation> os, IReadOnlyList<Expectation> runtime, params ErrorRename[] renames) =>
        new(new() { ["linux"] = [.. os] }, [new RuntimeTable("runtime", "dotnet", ["linux"], runtime, renames)]);

    [Test]
    public void AnErrorTheRuntimeRenamesIsDocumentedAtItsLayerOnly()
    {
        var table = WithRuntime([], [], EpipeAsShutdown);
        var atDotnet = Verdicts.Judge(Claim, Observed("ESHUTDOWN"), Linux61, table, layer: "dotnet");
        Assert.That((atDotnet.Verdict, atDotnet.Documented?.Reason), Is.EqualTo((Verdict.Differs, "the runtime renames it")));
        Assert.That(Verdicts.Judge(Claim, Observed("ESHUTDOWN"), Linux61, table).Documented, Is.Null, "the raw layer has no runtime");
    }

    [Test]
    public void TheOsEntryAndTheRuntimesRenameDocumentOneCellTogether()
    {
        var kernel = new Expectation { Claim = "tcp.example", Observed = new() { ["write#1"] = "0" }, Reason = "the kernel's.", Reference = "kernel.c" };
        var observed = new Dictionary<string, string> { ["write#1"] = "0", ["write#2"] = "ESHUTDOWN" };
        var judgement = Verdicts.Judge(Claim, observed, Linux61, WithRuntime([kernel], [], EpipeAsShutdown), layer: "dotnet");
        Assert.That(judgement.Documented?.Reason, Is.EqualTo("the kernel's. the runtime renames it"));
        Assert.That(judgement.Documented?.Reference, Is.EqualTo("kernel.c; its error table"));
    }

    [Test]
    public void ARuntimeEntryOverridesTheOsEntryOnTheKeysItNames()
    {
        var kernel = new Expectation { Claim = "tcp.example", Observed = new() { ["write#2"] = "ECONNRESET" }, Reason = "k", Reference = "k.c" };
        var runtime = new Expectation { Claim = "tcp.example", Observed = new() { ["write#2"] = "OK" }, Reason = "r", Reference = "r.cs" };
        var table = WithRuntime([kernel], [runtime]);
        Assert.That(Verdicts.Judge(Claim, Observed("OK"), Linux61, table, layer: "dotnet").Documented?.Reason, Is.EqualTo("r"));
        Assert.That(Verdicts.Judge(Claim, Observed("ECONNRESET"), Linux61, table, layer: "dotnet").Documented?.Reason, Is.EqualTo("k"));
    }

    [Test]
    public void ARuntimeTableAppliesOnlyOnTheOsFamiliesItNames()
    {
        var macos = Linux61 with { Os = "macos" };
        Assert.That(Verdicts.Judge(Claim, Observed("ESHUTDOWN"), macos, WithRuntime([], [], EpipeAsShutdown), layer: "dotnet").Documented, Is.Null);
    }

    [TestCase("EPIPE", "EPIPE", true)]
    [TestCase("EPIPE|ECONNRESET", "ECONNRESET", true)]
    [TestCase("EPIPE|ECONNRESET", "EINVAL", false)]
    [TestCase("*", "anything", true)]
    [TestCase(">=7200", "7200", true)]
    [TestCase(">=7200", "60", false)]
    [TestCase("<6", "2", true)]
    [TestCase("<6", "six", false)]
    [TestCase(">=20 <=240", "60", true)]
    [TestCase(">=20 <=240", "240", true)]
    [TestCase(">=20 <=240", "10", false)]
    [TestCase(">=20 <=240", "250", false)]
    [TestCase(">=20 <=240|0", "0", true)]
    [TestCase("!OK", "ENETUNREACH", true)]
    [TestCase("!OK", "OK", false)]
    public void PatternsMatch(string pattern, string value, bool matches) =>
        Assert.That(Pattern.Matches(pattern, value), Is.EqualTo(matches));

    [TestCase(null, "5.10.0", true)]
    [TestCase(">=3.9", "6.18.44-fc-v595", true)]
    [TestCase(">=3.9", "3.2.0", false)]
    [TestCase(">=4.0 <6.0", "5.10.0-28-cloud-amd64", true)]
    [TestCase(">=4.0 <6.0", "6.1.0", false)]
    public void VersionRangesCompareNumerically(string? range, string version, bool contains) =>
        Assert.That(VersionRange.Contains(range, version), Is.EqualTo(contains));
}
