using Conformance.Harness.Cli;

namespace Conformance.Harness.Matrix;

/// <summary>The results files a command reads: every *.json in the folders given (or the files themselves),
/// validated, one per platform id.</summary>
public static class ResultsSet
{
    public static List<ResultsFile> Load(IEnumerable<string> inputs)
    {
        var files = Paths(inputs).Select(LoadOne).ToList();

        var twice = files.GroupBy(f => f.Platform.Id).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? files
            : throw new BadInputException($"platform '{twice.Key}' has more than one results file among the inputs; give each platform once");
    }

    /// <summary>The results files of the inputs keyed by lane: two files claiming one lane are bad input.</summary>
    public static Dictionary<string, ResultsFile> ByLane(IEnumerable<string> inputs)
    {
        var byLane = new Dictionary<string, (string Path, ResultsFile File)>();
        foreach (var path in Paths(inputs))
        {
            var file = LoadOne(path);
            if (byLane.TryGetValue(file.Lane, out var other))
            {
                throw new BadInputException($"two results files claim lane '{file.Lane}': {other.Path} and {path}; give each lane once (`conformance run --lane NAME` names a run's lane)");
            }

            byLane[file.Lane] = (path, file);
        }

        return byLane.ToDictionary(p => p.Key, p => p.Value.File);
    }

    /// <summary>A lane named on the command line, or bad input saying what a lane name is.</summary>
    public static string LaneName(string lane) =>
        Lanes.IsValid(lane) ? lane : throw new BadInputException($"'{lane}' is not a lane name: lower-case letters, digits, '.', '-' and '_' (e.g. ubuntu-24.04)");

    /// <summary>A single results file taken as <paramref name="lane"/>'s run, whatever lane it records; several
    /// files are left as they are.</summary>
    public static Dictionary<string, ResultsFile> AsLane(Dictionary<string, ResultsFile> fresh, string lane) =>
        fresh.Count == 1 && !fresh.ContainsKey(lane) ? new() { [lane] = fresh.Values.Single() with { Lane = lane } } : fresh;

    /// <summary>A folder of approved baselines: DIR/&lt;lane&gt;.json, each holding the lane its name says.</summary>
    public static Dictionary<string, ResultsFile> Baselines(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new BadInputException($"{folder}: no such folder of baselines; create it with `conformance approve --in DIR --baselines {folder}`");
        }

        var baselines = new Dictionary<string, ResultsFile>();
        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = LoadOne(path);
            var named = Path.GetFileNameWithoutExtension(path);
            if (file.Lane != named)
            {
                throw new BadInputException($"{path} holds the baseline of lane '{file.Lane}'; a baseline is named by its lane: rename it to {file.Lane}.json");
            }

            baselines[file.Lane] = file;
        }

        return baselines;
    }

    public static IEnumerable<string> Paths(IEnumerable<string> inputs) =>
        inputs.SelectMany<string, string>(input => Directory.Exists(input) ? [.. Directory.GetFiles(input, "*.json").Order(StringComparer.Ordinal)]
            : File.Exists(input) ? [input]
            : throw new BadInputException($"{input}: no such file or folder; give a folder of results files (conformance run --out DIR writes one)"));

    /// <summary>A results file as the current catalogue and tables judge it (see <see cref="Judging.Rejudge"/>), so
    /// documenting a difference shows in the matrix, the gate and diff without running the platform again.</summary>
    public static ResultsFile LoadOne(string path) => Judging.Rejudge.File(LoadAsWritten(path));

    /// <summary>A results file with the verdicts it was written with.</summary>
    public static ResultsFile LoadAsWritten(string path)
    {
        try
        {
            return ResultsFile.Load(path);
        }
        catch (ResultsFormatException e)
        {
            throw new BadInputException($"{e.Message}; regenerate it with `conformance run`, or remove it");
        }
    }
}
