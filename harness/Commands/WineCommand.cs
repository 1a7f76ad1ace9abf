using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Distros;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance wine</c>: a smoke run of the Windows code path on Linux. The claims are published for
/// win-x64 and run under Wine, which proves the Winsock bindings load and marshal. The results are Wine's
/// (it answers Winsock with Linux sockets): their platform id is wine-&lt;version&gt;-x64, never a Windows column.</summary>
public static class WineCommand
{
    public static Command Create()
    {
        var outDir = CommonOptions.Out("where Wine's results file goes (default artifacts/wine)");
        var limit = CommonOptions.LimitMinutes(3, "how long one claim executable may run under Wine");
        var baselines = CommonOptions.AcceptAgainst();
        var command = new Command("wine", "smoke-run the Windows code path under Wine (its results are Wine's, never a Windows column)")
        {
            outDir, limit, baselines,
        };
        command.Explained("""
            Smoke-run the Windows code path under Wine: publish the claim projects for win-x64, run them under Wine
            (apt-get install wine wine64) and write DIR/wine-<version>-x64.json. Its results are Wine's (it answers
            Winsock with Linux sockets), never a Windows column. It fails when a claim executable crashes or leaves
            claims out, or when Wine's column is not accepted. Wine's differences from the FAQ are Wine's, not Windows',
            so they are held to the wine lane's approved baseline rather than to windows.json.

            The column is then accepted as `conformance gate` would accept its lane: complete (every cell of every
            family and layer), no error, no undocumented difference, and no changed cell or upgraded platform
            against --baselines (default ci/baselines); each problem is printed with its cell.

            Exit code 0, 1 when the run crashed or its column was not accepted, 2 when Wine is missing.
            """);
        command.SetAction(parse => Run(
            Path.GetFullPath(parse.GetValue(outDir) ?? Repository.Artifacts("wine")), TimeSpan.FromMinutes(parse.GetValue(limit)),
            parse.GetValue(baselines) ?? CommonOptions.DefaultBaselines));
        return command;
    }

    private static int Run(string outDir, TimeSpan limit, string baselines)
    {
        var wine = new[] { "/usr/bin/wine", "/usr/local/bin/wine" }.FirstOrDefault(File.Exists)
            ?? throw new BadInputException("wine is not installed: apt-get install wine wine64");

        var payload = Payload.For("win-x64", Console.WriteLine).GetAwaiter().GetResult();
        var prefix = Path.Combine(Payload.CacheRoot, "wine");
        if (!Directory.Exists(prefix))
        {
            Console.WriteLine($"creating the Wine prefix {prefix}");
            Wine(wine, ["wineboot", "--init"], prefix, outDir, "wineboot", limit, out _);
        }

        // The claim executables write into a folder of this run's own; only Wine's file then joins --out, which may
        // hold other columns' results.
        var work = Path.Combine(outDir, $".wine-{Environment.ProcessId}");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        var crashed = new List<string>();
        var run = Guid.NewGuid().ToString("N"); // the claim executables of this smoke run merge into one file
        foreach (var (_, suite) in ClaimProjects.In(Repository.Root()))
        {
            var exit = Wine(wine, [Path.Combine(payload, $"{suite}.exe"), "--filter", "TestCategory=Claim", "--no-progress"], prefix, work, run, limit, out var output);
            // The test platform exits 2 when a test failed (Wine differs from the FAQ); anything else is a crash.
            var ok = exit is 0 or 2 && !output.Contains("Fatal error", StringComparison.Ordinal);
            Console.WriteLine($"{suite} under Wine: exit {exit}{(ok ? "" : ", crashed: " + string.Join(" / ", output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3)))}");
            if (!ok)
            {
                crashed.Add(suite);
            }
        }

        var written = Directory.GetFiles(work, "wine-*.json").FirstOrDefault();
        if (written is null)
        {
            Console.WriteLine($"conformance: no results file was written in {work}");
            return 1;
        }

        var results = ResultsFile.Load(written) with { Lane = "wine" }; // Wine's own lane, never a Windows one
        var file = Path.Combine(outDir, Path.GetFileName(written));
        results.Save(file);
        Directory.Delete(work, recursive: true);
        Console.WriteLine($"{results.Platform.Id} ({results.Platform.Distro}): {Columns.Columns.Summary(results)}");
        Console.WriteLine($"Results: {file}");
        var outcome = new Columns.ColumnOutcome("wine", results.Platform.Id, results, null, crashed.Count == 0 ? null : $"crashed: {string.Join(", ", crashed)}");
        return Math.Max(crashed.Count == 0 ? 0 : 1, Columns.Acceptance.Report([outcome], baselines));
    }

    private static int Wine(string wine, string[] args, string prefix, string outDir, string run, TimeSpan limit, out string output)
    {
        var environment = new Dictionary<string, string>
        {
            ["WINEPREFIX"] = prefix,
            ["WINEDEBUG"] = "-all",
            [RunContract.ResultsDir] = "Z:" + outDir.Replace('/', '\\'),
            [RunContract.RunId] = run,
            ["TESTINGPLATFORM_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            // .NET's W^X double mapping of code pages makes the runtime crash at exit under Wine.
            ["DOTNET_EnableWriteXorExecute"] = "0",
        };
        var result = ExternalProgram.Run(wine, args, limit, environment);
        output = result.TimedOut ? $"timed out after {limit.TotalMinutes:0.#} min" : result.Output;
        return result.Exit ?? -1;
    }
}
