using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Gate;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance approve</c>: fresh results become the approved baselines of their lanes, or a lane's
/// baseline is removed on purpose.</summary>
public static class ApproveCommand
{
    public static Command Create()
    {
        var inputs = CommonOptions.In("fresh results files or folders of them (repeatable)");
        var baselinesOption = CommonOptions.Baselines("the folder of approved baselines, one per lane (e.g. ci/baselines)");
        baselinesOption.Required = true;
        var laneOption = CommonOptions.Lane("approve this lane only; a single results file is approved as this lane");
        var removeOption = new Option<string?>("--remove") { Description = "delete the lane's baseline: the lane is retired on purpose and the gate stops asking for it", HelpName = "NAME" };
        var command = new Command("approve", "make fresh results the approved baselines of their lanes (or retire a lane)")
        {
            inputs, baselinesOption, laneOption, removeOption,
        };
        command.Explained("""
            Write each fresh results file as the baseline of its lane (DIR/<lane>.json), after you have reviewed what
            `conformance gate` reported: changed cells, an upgraded platform, a new lane. Durations are zeroed so
            that baselines only change when behaviour or platform does. Or, with --remove, retire a lane.

            Exit code 0, or 2 on bad input.
            """);
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(baselinesOption) ?? throw new BadInputException("approve needs --baselines DIR (e.g. ci/baselines)");
            return parse.GetValue(removeOption) is { } retired
                ? Remove(retired, folder)
                : Approve(parse.GetValue(inputs) ?? [], folder, parse.GetValue(laneOption));
        });
        return command;
    }

    private static int Approve(string[] inputs, string folder, string? lane)
    {
        if (inputs.Length == 0)
        {
            throw new BadInputException("approve needs --in DIR (fresh results, e.g. from `conformance run --out DIR`), or --remove LANE");
        }

        var fresh = ResultsSet.ByLane(inputs);
        if (lane is not null)
        {
            fresh = ResultsSet.AsLane(fresh, ResultsSet.LaneName(lane)).TryGetValue(lane, out var one) ? new() { [lane] = one }
                : throw new BadInputException($"no results for lane '{lane}' in {string.Join(", ", inputs)}; the lanes there are: {string.Join(", ", fresh.Keys.Order(StringComparer.Ordinal))}");
        }

        if (fresh.Count == 0)
        {
            throw new BadInputException($"no results files in {string.Join(", ", inputs)}");
        }

        var baselines = Directory.Exists(folder) ? ResultsSet.Baselines(folder) : [];
        foreach (var file in fresh.Values)
        {
            var what = baselines.TryGetValue(file.Lane, out var before)
                ? $"{Comparison.Between(before, file, file.Lane, Catalogue.Default).Count} cell(s) changed"
                  + (PlatformChanges.Between(before.Platform, file.Platform) is { Count: > 0 } upgrade ? $"; upgrade: {string.Join(", ", upgrade)}" : "")
                : "a new lane";
            Console.WriteLine($"Approved lane {file.Lane} ({file.Platform.Id}): {Baselines.Write(file, folder)} ({what})");
        }

        return 0;
    }

    private static int Remove(string lane, string folder)
    {
        var path = Path.Combine(folder, $"{lane}.json");
        if (!Lanes.IsValid(lane) || !File.Exists(path))
        {
            IEnumerable<string?> lanes = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal) : [];
            throw new BadInputException($"lane '{lane}' has no baseline in {folder}; the lanes there are: {string.Join(", ", lanes)}");
        }

        File.Delete(path);
        Console.WriteLine($"Removed the baseline of lane {lane} ({path}): the gate no longer asks for it.");
        return 0;
    }
}
