using Conformance.Harness.Columns;

namespace Conformance.Harness.Tests.Columns;

/// <summary>What the distros, kernels and wine verbs accept: a column as approved passes, and so does an upgraded
/// platform whose cells are all as approved (named; a problem only with --fail-on-upgrade); a changed cell, an
/// undocumented difference or a missing cell is named, and the verb's exit code is 1.</summary>
public sealed class AcceptanceTests
{
    private static string Baselines => Path.Combine(RepositoryRoot.Find()!, "ci", "baselines");

    private static ResultsFile Approved(string lane) => ResultsFile.Load(Path.Combine(Baselines, $"{lane}.json"));

    /// <summary>The claims an approved column holds: a claim added to the catalogue since is not yet in any lane's
    /// baseline, and these tests are about the acceptance, not about which claims exist.</summary>
    private static Catalogue Held(ResultsFile column) => Catalogue.Default.Of(column.Claims.Select(c => c.Id));

    private static List<string> Problems(ResultsFile results, string platform, bool failOnUpgrade = false) =>
        Acceptance.Problems(results, platform, Baselines, failOnUpgrade, Held(results));

    [Test]
    public void AColumnAsApprovedIsAccepted()
    {
        var column = Approved("debian-12");
        Assert.That(Problems(column, column.Platform.Id), Is.Empty);
        Assert.That(Report(column), Is.Zero);
    }

    [Test]
    public void AChangedCellIsNamed()
    {
        var column = Approved("kernel-6.1");
        var changed = column with { Claims = [.. column.Claims.Select(c => c.Row == "tcp.read-zero-after-fin" ? c with { Observed = new() { ["read#1"] = "ECONNRESET" } } : c)] };
        Assert.That(Problems(changed, column.Platform.Id),
            Has.Some.StartsWith("tcp.read-zero-after-fin: ").And.Some.Contains("changed against the approved baseline"));
        Assert.That(Report(changed), Is.EqualTo(1));
    }

    [Test]
    public void AnUndocumentedDifferenceIsNamedWithTheTableToDocumentItIn()
    {
        var column = Approved("host");
        var odd = column with
        {
            Claims = [.. column.Claims.Select(c => c.Row == "tcp.read-zero-after-fin" ? c with { Observed = new() { ["read#1"] = "0", ["read#2"] = "EIO", ["read#3"] = "0" } } : c)],
        };
        Assert.That(Problems(odd, column.Platform.Id),
            Has.Some.StartsWith("tcp.read-zero-after-fin: undocumented difference (read#1=0, read#2=EIO").And.Some.Contains("tests/Fixtures/Expectations/linux.json"));
    }

    [Test]
    public void ADifferenceDocumentedSinceTheRunIsAccepted()
    {
        var column = Approved("host");
        var documented = column.Claims.First(c => c.Verdict == Verdict.Differs && c.Documented is not null);
        var asRun = column with { Claims = [.. column.Claims.Select(c => c.Row == documented.Row ? c with { Documented = null, Note = "undocumented when it ran" } : c)] };
        Assert.That(Problems(asRun, column.Platform.Id), Is.Empty, "judged with today's tables");
    }

    /// <summary>A difference of Wine's that no table documents is held to Wine's approved baseline, never called an
    /// undocumented difference of Windows: here a cell of the approved column made to say something no table knows.</summary>
    [Test]
    public void WinesDifferencesAreHeldToItsBaselineNotToTheWindowsTable()
    {
        var wine = Approved("wine");
        Assert.That(Problems(wine, wine.Platform.Id), Is.Empty);
        var odd = wine with
        {
            Claims = [.. wine.Claims.Select(c => c.Row == "tcp.read-zero-after-fin@dotnet" ? c with { Observed = new() { ["read#1"] = "0", ["read#2"] = "EIO", ["read#3"] = "0" } } : c)],
        };
        var problems = Problems(odd, wine.Platform.Id);
        Assert.That(problems, Has.Some.StartsWith("tcp.read-zero-after-fin@dotnet: ").And.Some.Contains("changed against the approved baseline"));
        Assert.That(problems, Has.None.Contains("undocumented difference"), "Wine's differences are pinned by its baseline, not by windows.json");
    }

    [Test]
    public void AMissingCellAndAnUpgradeAreNamed()
    {
        var column = Approved("debian-13");
        var short_ = column with
        {
            Platform = column.Platform with { Libc = "glibc 9.99" },
            Claims = [.. column.Claims.Where(c => c.Row != "udp.fionread/ipv6@dotnet")],
        };
        var problems = Acceptance.Problems(short_, column.Platform.Id, Baselines, catalogue: Held(column));
        Assert.That(problems, Has.Some.EqualTo("udp.fionread/ipv6@dotnet: missing from the column"));
        Assert.That(problems, Has.None.StartsWith("upgrade:"), "an upgrade is not a problem by default");
        Assert.That(Acceptance.Problems(short_, column.Platform.Id, Baselines, failOnUpgrade: true, Held(column)),
            Has.Some.StartsWith("upgrade: libc glibc").And.Some.Contains("-> glibc 9.99"));
    }

    [Test]
    public void AnUpgradeWithEveryCellAsApprovedIsAcceptedAndNamed()
    {
        var column = Approved("host");
        var upgraded = column with { Platform = column.Platform with { OsVersion = column.Platform.OsVersion + "-patched" } };
        Assert.That(Problems(upgraded, column.Platform.Id), Is.Empty);
        Assert.That(Acceptance.Upgrade(upgraded, Baselines), Does.StartWith("osVersion ").And.EndWith("-patched"));
        Assert.That(Report(upgraded), Is.Zero);
    }

    [Test]
    public void AColumnThatFailedIsOneLineWithItsCauseAndLog()
    {
        var approved = Approved("kernel-6.1");
        var broken = Conformance.Harness.Columns.Columns.ErrorColumn("kernel-6.1", "guest", approved.Platform, approved.Column!,
            "TimeoutException: the guest printed nothing new for 3 min", string.Join(" / ", Enumerable.Repeat("console line", 5))) with { Lane = "kernel-6.1" };
        var (oldOut, output) = (Console.Out, new StringWriter());
        Console.SetOut(output);
        try
        {
            var exit = Acceptance.Report([new ColumnOutcome("kernel-6.1", approved.Platform.Id, broken, null, "TimeoutException: the guest printed nothing new for 3 min (full log: x/kernel-6.1.log)")], Baselines, catalogue: Held(approved));
            Assert.That(exit, Is.EqualTo(1));
        }
        finally
        {
            Console.SetOut(oldOut);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.LessThanOrEqualTo(2), output.ToString());
        Assert.That(lines[0], Is.EqualTo("kernel-6.1: not accepted: TimeoutException: the guest printed nothing new for 3 min (full log: x/kernel-6.1.log)"));
    }

    [Test]
    public void ALaneWithoutABaselineSaysHowToApproveIt()
    {
        var column = Approved("debian-12") with { Lane = "debian-99" };
        Assert.That(Problems(column, column.Platform.Id), Has.Some.Contains("conformance approve").And.Some.Contains("--lane debian-99"));
    }

    /// <summary>The verbs' exit code for one column (its problems are printed to the test's output).</summary>
    private static int Report(ResultsFile column) =>
        Acceptance.Report([new ColumnOutcome(column.Lane, column.Platform.Id, column, null, null)], Baselines, catalogue: Held(column));
}
