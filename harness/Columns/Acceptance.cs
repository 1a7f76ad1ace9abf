using Conformance.Harness.Gate;

namespace Conformance.Harness.Columns;

/// <summary>When a column run is accepted: the column is complete (every expected cell of every family and layer),
/// nothing in it broke or differs undocumented (unless its kind says why its differences are pinned by the baseline
/// alone: Wine's), and its lane's gate is clean against the approved baseline (no changed cell; an upgraded platform
/// only with --fail-on-upgrade, as the gate). One function for the distros, kernels and wine verbs and the tests that
/// wrap them, so a column means the same wherever it was made.</summary>
public static class Acceptance
{
    /// <summary>What keeps <paramref name="results"/> from being accepted, one line each, naming the cell; empty when
    /// it is accepted. <paramref name="platform"/> is the platform id the column was configured to report;
    /// <paramref name="catalogue"/>: the claims the column must hold (the embedded catalogue unless a test names another).</summary>
    public static List<string> Problems(ResultsFile results, string platform, string baselines, bool failOnUpgrade = false, Catalogue? catalogue = null)
    {
        catalogue ??= Catalogue.Default;
        results = Judging.Rejudge.File(results, catalogue, ExpectationTable.Default); // as the current tables judge it: a difference documented since counts
        var problems = new List<string>();
        if (results.Platform.Id != platform)
        {
            problems.Add($"the column reports platform {results.Platform.Id}, expected {platform}");
        }

        problems.AddRange(ClaimRows.Missing(catalogue, results).Select(row => $"{row}: missing from the column"));
        problems.AddRange(results.Claims.Where(c => c.Verdict == Verdict.Error).Select(c => $"{c.Row}: the scenario broke: {c.Note}"));
        problems.AddRange((ColumnKinds.PinnedByBaseline(results.ColumnOf) is null ? Judging.Rejudge.Undocumented(results) : [])
            .Select(c => $"{c.Row}: undocumented difference ({Observed(c)}): document it in tests/Fixtures/Expectations/{results.Platform.Os}.json with its reason and reference"));

        var baseline = Path.Combine(baselines, $"{results.Lane}.json");
        if (!File.Exists(baseline))
        {
            problems.Add($"no baseline for lane {results.Lane} in {baselines}: review the column, then `conformance approve --in DIR --baselines {baselines} --lane {results.Lane}`");
            return problems;
        }

        var approved = Judging.Rejudge.File(Matrix.ResultsSet.LoadAsWritten(baseline), catalogue, ExpectationTable.Default);
        if (failOnUpgrade && Moved(approved.Platform, results.Platform) is { } upgraded)
        {
            problems.Add($"upgrade: {upgraded} (--fail-on-upgrade: review, then approve it as `conformance gate` says)");
        }

        problems.AddRange(Comparison.Between(approved, results, results.Lane, catalogue, lane: true)
            .Select(c => $"{c.Claim}: {c.Before} -> {c.After} (changed against the approved baseline)"));
        return problems;
    }

    /// <summary>How the column's platform moved against its lane's approved baseline ("osVersion A -> B"), or null
    /// when it did not (or the lane has no baseline).</summary>
    public static string? Upgrade(ResultsFile results, string baselines)
    {
        var baseline = Path.Combine(baselines, $"{results.Lane}.json");
        return File.Exists(baseline) ? Moved(Matrix.ResultsSet.LoadAsWritten(baseline).Platform, results.Platform) : null; // the platform block only: no judging
    }

    private static string? Moved(PlatformInfo approved, PlatformInfo now) =>
        PlatformChanges.Between(approved, now) is { Count: > 0 } fields ? string.Join(", ", fields) : null;

    /// <summary>What the column verbs' help says of the acceptance.</summary>
    public const string Explained = """
        Each column is then accepted as `conformance gate` would accept its lane: complete (every cell of every
        family and layer), no error, no undocumented difference, and no changed cell against --baselines (default
        ci/baselines); each problem is printed with its cell. An upgraded platform whose every cell is as approved
        is named and accepted, unless --fail-on-upgrade.
        """;

    /// <summary>Every accepted-or-not line of a sweep, for a verb: prints the problems of each column under its lane
    /// and gives the verb's exit code: 1 when a column failed to run or was not accepted, else 0. Skipped columns
    /// are neither.</summary>
    public static int Report(IReadOnlyList<ColumnOutcome> outcomes, string baselines, bool failOnUpgrade = false, Catalogue? catalogue = null)
    {
        var rejected = 0;
        foreach (var outcome in outcomes.Where(o => o.Results is not null))
        {
            if (FailedLane.Of(outcome.Results!) is { } failed)
            {
                // A column that could not run: one line, not a problem per cell each repeating the log's tail.
                rejected++;
                Console.WriteLine($"{outcome.Name}: not accepted: {outcome.Failure ?? failed.Cause}");
                continue;
            }

            var problems = Problems(outcome.Results!, outcome.Platform, baselines, failOnUpgrade, catalogue);
            if (problems.Count == 0)
            {
                if (Upgrade(outcome.Results!, baselines) is { } upgrade)
                {
                    Console.WriteLine($"Upgrade {outcome.Name}: {upgrade}; every cell as approved.");
                }

                continue;
            }

            rejected++;
            Console.WriteLine($"{outcome.Name}: not accepted ({problems.Count} problem(s)):");
            problems.Take(Shown).ToList().ForEach(p => Console.WriteLine($"  {p}"));
            if (problems.Count > Shown)
            {
                Console.WriteLine($"  ... and {problems.Count - Shown} more (a column of errors has one per cell; `conformance gate` lists them all)");
            }
        }

        Console.WriteLine(rejected == 0
            ? $"Every column is complete, documented and as approved in {baselines}."
            : $"{rejected} column(s) not accepted; see above, and `conformance gate --help` for approving a reviewed change.");
        return rejected == 0 && outcomes.All(o => o.Failure is null) ? 0 : 1;
    }

    /// <summary>How many problems a column prints: enough to act on, not a screen per cell of a broken column.</summary>
    private const int Shown = 12;

    private static string Observed(ClaimResult claim) => string.Join(", ", claim.Observed.Select(o => $"{o.Key}={o.Value}"));
}
