using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;
using Conformance.Harness.Cli;
using Conformance.Harness.Gate;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance gate</c>: fresh results against the approved baselines; any changed cell fails.</summary>
public static class GateCommand
{
    private const string Help = """
        conformance gate --baselines DIR --in DIR|FILE ... [--summary FILE] [--allow-new]

        Compares each fresh results file with the approved baseline of the same platform id
        (DIR/<platform-id>.json). Any changed verdict or observed value is a change; timings are not.
        Prints the changes (claim, platform, before, after) and writes them as markdown to --summary
        (default artifacts/gate.md) for a CI job summary.

          --allow-new   a platform without a baseline is reported but does not fail (its first run)

        Exit code 0 when nothing changed, 1 on any change or a platform without a baseline, 2 on bad input.
        After reviewing a change, `conformance approve` makes the fresh results the new baseline.
        """;

    public static int Execute(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        var cli = new CliArgs("gate", args, new HashSet<string> { "--allow-new" }, new HashSet<string> { "--baselines", "--in", "--summary" });
        var baselines = cli.Option("--baselines") ?? throw new CliException("gate needs --baselines DIR (the approved results, e.g. ci/baselines)");
        if (!Directory.Exists(baselines))
        {
            throw new CliException($"{baselines}: no such folder of baselines; create it with `conformance approve --in DIR --baselines {baselines}`");
        }

        var inputs = cli.Options("--in");
        if (inputs.Count == 0)
        {
            throw new CliException("gate needs --in DIR (fresh results, e.g. from `conformance run --out DIR`)");
        }

        var summary = cli.Option("--summary") ?? Path.Combine(RunCommand.Root(), "artifacts", "gate.md");
        var allowNew = cli.Flag("--allow-new");
        var fresh = ResultsSet.Load(inputs);
        if (fresh.Count == 0)
        {
            throw new CliException($"no results files in {string.Join(", ", inputs)}");
        }

        var changes = new List<Change>();
        var newPlatforms = new List<string>();
        foreach (var file in fresh)
        {
            var baselinePath = Path.Combine(baselines, $"{file.Platform.Id}.json");
            if (!File.Exists(baselinePath))
            {
                newPlatforms.Add(file.Platform.Id);
                continue;
            }

            changes.AddRange(Comparison.Between(ResultsSet.LoadOne(baselinePath), file, file.Platform.Id, Catalogue.Default));
        }

        var compared = fresh.Count - newPlatforms.Count;
        var failed = changes.Count > 0 || (newPlatforms.Count > 0 && !allowNew);
        Report(changes, newPlatforms, compared, allowNew, baselines, summary);
        return failed ? 1 : 0;
    }

    private static void Report(List<Change> changes, List<string> newPlatforms, int compared, bool allowNew, string baselines, string summary)
    {
        var headline = changes.Count == 0
            ? $"Gate: {compared} platform(s) compared with {baselines}, no change."
            : $"Gate: {changes.Count} change(s) against {baselines}.";
        Console.WriteLine(headline);
        var md = new System.Text.StringBuilder($"## Conformance gate\n\n{headline}\n\n");
        if (changes.Count > 0)
        {
            Console.WriteLine(ChangeTable.Text(changes));
            md.Append(ChangeTable.Markdown(changes)).Append('\n');
            Console.WriteLine("Review each change; if it is expected, approve it: conformance approve --in DIR --baselines " + baselines);
        }

        foreach (var id in newPlatforms)
        {
            var line = $"New platform {id}: no baseline in {baselines}" + (allowNew ? " (allowed: --allow-new)" : "; approve its first results to start gating it");
            Console.WriteLine(line);
            md.Append("- ").Append(line).Append('\n');
        }

        AtomicFile.Write(summary, md.ToString());
    }
}
