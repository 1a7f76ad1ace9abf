using Conformance.Harness.Runtimes;

namespace Conformance.Harness.Tests.Runtimes;

/// <summary>The .NET runtime columns: this machine under .NET 8 and .NET 9. The OS answers the raw calls whatever
/// runtime makes them, so a runtime column's raw cells are the host's, cell for cell; only the .NET layers may move.</summary>
public sealed class RuntimeColumnTests
{
    private static string Baselines => Path.Combine(RepositoryRoot.Find()!, "ci", "baselines");

    public static IEnumerable<string> Lanes => RuntimeKind.Runtimes.Select(r => r.Lane);

    [TestCaseSource(nameof(Lanes))]
    public void TheRawLayersCellsAreTheHosts(string lane)
    {
        var host = ResultsFile.Load(Path.Combine(Baselines, "host.json"));
        var runtime = ResultsFile.Load(Path.Combine(Baselines, $"{lane}.json"));
        static Dictionary<string, string> Raw(ResultsFile file) => file.Claims.Where(c => c.Layer is null)
            .ToDictionary(c => c.Row, c => $"{c.Verdict}: {string.Join(", ", c.Observed.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"))}");

        Assert.That(runtime.Platform.Runtime, Does.StartWith(RuntimeKind.Runtimes.Single(r => r.Lane == lane).Label), "the column ran under its runtime");
        Assert.That(Raw(runtime), Is.EquivalentTo(Raw(host)), "the raw layer is the OS's: the same on every runtime");
    }

    [TestCaseSource(nameof(Lanes))]
    public void ItsLaneIsItsOwnAndItsPlatformIsThisMachinesUnderThatRuntime(string lane)
    {
        var host = ResultsFile.Load(Path.Combine(Baselines, "host.json"));
        var runtime = ResultsFile.Load(Path.Combine(Baselines, $"{lane}.json"));
        Assert.That(runtime.Lane, Is.EqualTo(lane));
        Assert.That(runtime.Platform.Id, Is.EqualTo($"{host.Platform.Id}-{lane}"));
        Assert.That(runtime.ColumnOf.Kind, Is.EqualTo(ColumnKinds.Runtime));
    }

    /// <summary>A lane that moves from .NET 8 or 9 to .NET 10 is an upgrade the gate names (the runtime field moved), and
    /// the cells that moved with it are exactly what `conformance diff` of the two columns lists: none today.</summary>
    [TestCaseSource(nameof(Lanes))]
    public void MovingALaneToTheSuitesOwnRuntimeIsAnUpgradeWithTheCellsThatMoved(string lane)
    {
        var host = ResultsFile.Load(Path.Combine(Baselines, "host.json"));
        var upgraded = host with { Lane = lane };
        Assert.That(Harness.Columns.Acceptance.Upgrade(upgraded, Baselines), Does.Contain("runtime").And.Contain(".NET 10"));

        var approved = ResultsFile.Load(Path.Combine(Baselines, $"{lane}.json"));
        var moved = Harness.Gate.Comparison.Between(approved, upgraded, lane, Catalogue.Default, lane: true);
        Assert.That(moved, Is.Empty, $"no .NET cell moves between {approved.Platform.Runtime} and {host.Platform.Runtime}; a cell that did would be documented in a runtime table scoped to its versions");
    }
}
