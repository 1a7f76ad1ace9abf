using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Results;

namespace Conformance.Harness.Tests.Claims;

/// <summary>The parts a [Claim] test is wired to, each on its own: the thread with its limit, the judge, the run id.</summary>
public sealed class ClaimPartsTests
{
    private static readonly CatalogueEntry Claim = Catalogue.Default["tcp.read-zero-after-fin"];
    private static readonly PlatformFacts Linux = new("linux", "6.1.0", new Dictionary<string, string?>());
    private static readonly Dictionary<string, string> Holding = new() { ["read#1"] = "0", ["read#2"] = "0", ["read#3"] = "0" };

    [Test]
    public void AScenarioPastItsLimitIsATimeoutAndTheRunGoesOn()
    {
        using var release = new ManualResetEventSlim();
        var ending = ScenarioThread.Run("stuck", TimeSpan.FromMilliseconds(200), () => release.Wait(TimeSpan.FromSeconds(30)));
        release.Set();
        Assert.That(ending.Finished, Is.False);
        Assert.That(ending.Thrown, Is.TypeOf<TimeoutException>().And.Message.Contains("did not finish within"));
    }

    [Test]
    public void WhatAScenarioThrowsIsKept()
    {
        var ending = ScenarioThread.Run("throws", TimeSpan.FromSeconds(5), () => throw new ScenarioException("no peer"));
        Assert.That(ending.Finished, Is.True);
        Assert.That(ending.Thrown, Is.TypeOf<ScenarioException>());
    }

    [Test]
    public void TheJudgeRanksALeakFirstThenWhyTheClaimWasNotObservedThenTheObservation() => Assert.Multiple(() =>
    {
        Verdict Judge(Exception? thrown, string? leaked = null) =>
            ClaimJudge.Judge(Claim, null, thrown, Holding, leaked, Linux, ExpectationTable.Default).Verdict;

        Assert.That(Judge(null), Is.EqualTo(Verdict.Holds));
        Assert.That(Judge(null, leaked: "socket:[1] leaked"), Is.EqualTo(Verdict.Error));
        Assert.That(Judge(new ClaimNotObservedException(Verdict.Inconclusive, "no IPv6")), Is.EqualTo(Verdict.Inconclusive));
        Assert.That(Judge(new ApiAbsentException("read#1: no read()")), Is.EqualTo(Verdict.Unsupported));
        Assert.That(Judge(new ScenarioException("broke")), Is.EqualTo(Verdict.Error));
    });

    [Test]
    public void ARunnerNamesItsRunAndDotnetTestIsTheNearestAncestorRunningIt()
    {
        var tree = new Dictionary<int, Ancestry.Process>
        {
            [30] = new(20, ["dotnet", "exec", "testhost.dll"], "300"),
            [20] = new(15, ["dotnet", "exec", "vstest.console.dll"], "200"),
            [15] = new(10, ["dotnet", "MSBuild.dll", "/nodemode:1"], "150"),
            [10] = new(1, ["dotnet", "test", "Conformance.sln"], "100"),
        };
        Assert.Multiple(() =>
        {
            Assert.That(RunId.Detect("mine", 30, tree.GetValueOrDefault), Is.EqualTo("mine"));
            Assert.That(RunId.Detect(null, 30, tree.GetValueOrDefault), Is.EqualTo("dotnet-test-10-100"));
            Assert.That(RunId.Detect(null, 20, _ => null), Is.EqualTo("process-20-?"));
        });
    }
}
