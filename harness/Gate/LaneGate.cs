
namespace Conformance.Harness.Gate;

/// <summary>One field of the platform block that is not what it was ("osVersion: 6.1.0-50 -> 7.2.12").</summary>
public sealed record FieldChange(string Field, string? Before, string? After)
{
    public override string ToString() => $"{Field} {Before ?? "(none)"} -> {After ?? "(none)"}";
}

/// <summary>What ran in a lane changed: another OS version, kernel, distro, C library, runtime or sandbox.</summary>
public sealed record Upgrade(string Lane, IReadOnlyList<FieldChange> Fields)
{
    public override string ToString() => $"{Lane}: {string.Join(", ", Fields)}";
}

/// <summary>What the gate found, lane by lane: changed cells, upgraded platforms, lanes approved but not run
/// (nothing passes by absence), and lanes run but never approved.</summary>
public sealed record GateReport(
    IReadOnlyList<Change> Changes,
    IReadOnlyList<Upgrade> Upgrades,
    IReadOnlyList<string> Missing,
    IReadOnlyList<ResultsFile> New,
    int Compared)
{
    /// <summary>Lanes whose column failed as a whole (every cell an error), with the cause: one line each, instead of
    /// a changed cell per row and an "upgrade" to whatever platform the error column could name.</summary>
    public IReadOnlyList<FailedLane> Failed { get; init; } = [];

    /// <summary>Whether the lanes are as approved. An upgrade whose cells are all as approved passes unless
    /// <paramref name="failOnUpgrade"/>: a hosted runner image takes a kernel patch about weekly, and a gate that goes
    /// red with nothing changed is a gate people switch off. An upgrade that changed a cell fails through the cell.</summary>
    public bool Clean(bool allowNew, bool failOnUpgrade = false) =>
        Changes.Count == 0 && Failed.Count == 0 && (!failOnUpgrade || Upgrades.Count == 0) && Missing.Count == 0 && (allowNew || New.Count == 0);

    /// <summary>Whether <paramref name="upgrade"/>'s lane has no changed cell: the upgrade changed nothing the claims see.</summary>
    public bool Unchanged(Upgrade upgrade) => Changes.All(c => c.Platform != upgrade.Lane);

    /// <summary>The lanes whose fresh results would become their baseline on approval.</summary>
    public IEnumerable<string> ToApprove => Changes.Select(c => c.Platform).Concat(Upgrades.Select(u => u.Lane)).Concat(New.Select(n => n.Lane)).Distinct();
}

/// <summary>A lane whose column could not run: every cell an error, with what broke (the first cell's note).</summary>
public sealed record FailedLane(string Lane, string Cause)
{
    /// <summary>Whether <paramref name="file"/> is such a column: a results file whose every cell broke.</summary>
    public static FailedLane? Of(ResultsFile file) =>
        file.Claims.Count > 0 && file.Claims.All(c => c.Verdict == Verdict.Error) ? new FailedLane(file.Lane, Short(file.Claims[0].Note ?? "no reason given")) : null;

    /// <summary>A cause short enough for one line; the cells and the run's log carry the rest.</summary>
    public static string Short(string text) => text.Length <= 300 ? text : text[..300] + "...";

    public override string ToString() => $"{Lane}: the column failed, every cell is an error: {Cause}";
}

/// <summary>Compares each lane's fresh results with its approved baseline.</summary>
public static class LaneGate
{
    public static GateReport Compare(IReadOnlyDictionary<string, ResultsFile> baselines, IReadOnlyDictionary<string, ResultsFile> fresh, Catalogue catalogue)
    {
        var changes = new List<Change>();
        var upgrades = new List<Upgrade>();
        var failed = new List<FailedLane>();
        var compared = 0;
        foreach (var lane in fresh.Keys.Intersect(baselines.Keys).Order(StringComparer.Ordinal))
        {
            compared++;
            if (FailedLane.Of(fresh[lane]) is { } broken)
            {
                failed.Add(broken);
                continue;
            }

            var platform = PlatformChanges.Between(baselines[lane].Platform, fresh[lane].Platform);
            if (platform.Count > 0)
            {
                upgrades.Add(new Upgrade(lane, platform));
            }

            changes.AddRange(Comparison.Between(baselines[lane], fresh[lane], lane, catalogue, lane: true));
        }

        var missing = baselines.Keys.Except(fresh.Keys).Order(StringComparer.Ordinal).ToList();
        var added = fresh.Keys.Except(baselines.Keys).Order(StringComparer.Ordinal).Select(l => fresh[l]).ToList();
        return new GateReport(changes, upgrades, missing, added, compared) { Failed = failed };
    }
}

/// <summary>The platform fields that say what ran: a change in any of them is an upgrade of the lane.</summary>
public static class PlatformChanges
{
    public static List<FieldChange> Between(PlatformInfo before, PlatformInfo after)
    {
        (string Field, Func<PlatformInfo, string?> Value)[] fields =
        [
            ("id", p => p.Id), ("os", p => p.Os), ("osVersion", p => p.OsVersion), ("distro", p => p.Distro), ("libc", p => p.Libc),
            ("runtime", p => p.Runtime), ("arch", p => p.Arch), ("container", p => p.Container), ("ociRuntime", p => p.OciRuntime),
            ("user", p => p.User),
        ];
        return [.. fields.Where(f => f.Value(before) != f.Value(after)).Select(f => new FieldChange(f.Field, f.Value(before), f.Value(after)))];
    }
}
