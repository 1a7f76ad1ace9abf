using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;
using Conformance.Harness.Cli;
using Conformance.Harness.Gate;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance approve</c>: fresh results become the approved baselines of their lanes, or a lane's
/// baseline is removed on purpose.</summary>
public static class ApproveCommand
{
    private const string Help = """
        conformance approve --in DIR|FILE ... --baselines DIR [--lane NAME]
        conformance approve --remove NAME --baselines DIR

        Writes each fresh results file as the baseline of its lane (DIR/<lane>.json), after you have reviewed
        what `conformance gate` reported: changed cells, an upgraded platform, a new lane. Durations are zeroed
        so that baselines only change when behaviour or platform does.

          --lane NAME    approve this lane only; a single results file is approved as this lane
          --remove NAME  delete the lane's baseline: the lane is retired on purpose and the gate stops asking for it

        Exit code 0, or 2 on bad input.
        """;

    public static int Execute(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        var cli = new CliArgs("approve", args, new HashSet<string>(), new HashSet<string> { "--in", "--baselines", "--lane", "--remove" });
        var folder = cli.Option("--baselines") ?? throw new CliException("approve needs --baselines DIR (e.g. ci/baselines)");
        if (cli.Option("--remove") is { } retired)
        {
            return Remove(retired, folder);
        }

        var inputs = cli.Options("--in");
        if (inputs.Count == 0)
        {
            throw new CliException("approve needs --in DIR (fresh results, e.g. from `conformance run --out DIR`), or --remove LANE");
        }

        var fresh = ResultsSet.ByLane(inputs);
        if (cli.Option("--lane") is { } lane)
        {
            fresh = ResultsSet.AsLane(fresh, ResultsSet.LaneName(lane)).TryGetValue(lane, out var one) ? new() { [lane] = one }
                : throw new CliException($"no results for lane '{lane}' in {string.Join(", ", inputs)}; the lanes there are: {string.Join(", ", fresh.Keys.Order(StringComparer.Ordinal))}");
        }

        if (fresh.Count == 0)
        {
            throw new CliException($"no results files in {string.Join(", ", inputs)}");
        }

        var baselines = Directory.Exists(folder) ? ResultsSet.Baselines(folder) : [];
        foreach (var file in fresh.Values)
        {
            var what = baselines.TryGetValue(file.Lane, out var before)
                ? $"{Comparison.Between(before, file, file.Lane, Catalogue.Default).Count} cell(s) changed"
                  + (PlatformChanges.Between(before.Platform, file.Platform) is { Count: > 0 } upgrade ? $"; upgrade: {string.Join(", ", upgrade)}" : "")
                : "a new lane";
            Console.WriteLine($"Approved lane {file.Lane} ({file.Platform.Id}): {WriteBaseline(file, folder)} ({what})");
        }

        return 0;
    }

    /// <summary>Writes <paramref name="file"/> as DIR/&lt;lane&gt;.json with durations zeroed; gives the path.</summary>
    public static string WriteBaseline(ResultsFile file, string folder)
    {
        var path = Path.Combine(folder, $"{file.Lane}.json");
        var approved = file with { Claims = [.. file.Claims.Select(c => c with { DurationMs = 0 })] };
        AtomicFile.Write(path, System.Text.Json.JsonSerializer.Serialize(approved, Json.Options) + "\n");
        return path;
    }

    private static int Remove(string lane, string folder)
    {
        var path = Path.Combine(folder, $"{lane}.json");
        if (!Lanes.IsValid(lane) || !File.Exists(path))
        {
            IEnumerable<string?> lanes = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal) : [];
            throw new CliException($"lane '{lane}' has no baseline in {folder}; the lanes there are: {string.Join(", ", lanes)}");
        }

        File.Delete(path);
        Console.WriteLine($"Removed the baseline of lane {lane} ({path}): the gate no longer asks for it.");
        return 0;
    }
}
