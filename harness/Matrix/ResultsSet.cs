using Conformance.Fixtures.Results;
using Conformance.Harness.Cli;

namespace Conformance.Harness.Matrix;

/// <summary>The results files a command reads: every *.json in the folders given (or the files themselves),
/// validated, one per platform id.</summary>
public static class ResultsSet
{
    public static List<ResultsFile> Load(IEnumerable<string> inputs)
    {
        var files = new List<ResultsFile>();
        foreach (var input in inputs)
        {
            string[] paths = Directory.Exists(input) ? [.. Directory.GetFiles(input, "*.json").Order(StringComparer.Ordinal)]
                : File.Exists(input) ? [input]
                : throw new CliException($"{input}: no such file or folder; give a folder of results files (conformance run --out DIR writes one)");
            foreach (var path in paths)
            {
                files.Add(LoadOne(path));
            }
        }

        var twice = files.GroupBy(f => f.Platform.Id).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? files
            : throw new CliException($"platform '{twice.Key}' has more than one results file among the inputs; give each platform once");
    }

    public static ResultsFile LoadOne(string path)
    {
        try
        {
            return ResultsFile.Load(path);
        }
        catch (ResultsFormatException e)
        {
            throw new CliException($"{e.Message}; regenerate it with `conformance run`, or remove it");
        }
    }
}
