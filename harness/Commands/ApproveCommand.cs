using Conformance.Fixtures.Claims;
using Conformance.Harness.Cli;
using Conformance.Harness.Gate;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance approve</c>: fresh results become the approved baselines.</summary>
public static class ApproveCommand
{
    private const string Help = """
        conformance approve --in DIR|FILE ... --baselines DIR [--platform ID]

        Writes each fresh results file as the baseline of its platform (DIR/<platform-id>.json), after you
        have reviewed what `conformance gate` reported. Durations are zeroed so that baselines only change
        when behaviour does. --platform approves one platform only.
        Exit code 0, or 2 on bad input.
        """;

    public static int Execute(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        var cli = new CliArgs("approve", args, new HashSet<string>(), new HashSet<string> { "--in", "--baselines", "--platform" });
        var baselines = cli.Option("--baselines") ?? throw new CliException("approve needs --baselines DIR (e.g. ci/baselines)");
        var inputs = cli.Options("--in");
        if (inputs.Count == 0)
        {
            throw new CliException("approve needs --in DIR (fresh results, e.g. from `conformance run --out DIR`)");
        }

        var only = cli.Option("--platform");
        var fresh = ResultsSet.Load(inputs).Where(f => only is null || f.Platform.Id == only).ToList();
        if (fresh.Count == 0)
        {
            throw new CliException(only is null ? $"no results files in {string.Join(", ", inputs)}" : $"no results for platform '{only}' in {string.Join(", ", inputs)}");
        }

        foreach (var file in fresh)
        {
            var path = Path.Combine(baselines, $"{file.Platform.Id}.json");
            var changed = File.Exists(path) ? Comparison.Between(ResultsSet.LoadOne(path), file, file.Platform.Id, Catalogue.Default).Count : file.Claims.Count;
            var approved = file with { Claims = file.Claims.Select(c => c with { DurationMs = 0 }).ToList() };
            AtomicFile.Write(path, System.Text.Json.JsonSerializer.Serialize(approved, Json.Options) + "\n");
            Console.WriteLine($"Approved {file.Platform.Id}: {path} ({changed} cell(s) changed)");
        }

        return 0;
    }
}
