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
        var command = new Command("wine", "smoke-run the Windows code path under Wine (its results are Wine's, never a Windows column)")
        {
            outDir, limit,
        };
        command.Explained("""
            Smoke-run the Windows code path under Wine: publish the claim projects for win-x64, run them under Wine
            (apt-get install wine wine64) and write DIR/wine-<version>-x64.json. Its results are Wine's (it answers
            Winsock with Linux sockets), never a Windows column. It fails when a claim executable crashes or leaves
            claims out, not when Wine differs from the FAQ.

            Exit code 0, 1 when the run crashed or is incomplete, 2 when Wine is missing.
            """);
        command.SetAction(parse => Run(
            Path.GetFullPath(parse.GetValue(outDir) ?? Repository.Artifacts("wine")), TimeSpan.FromMinutes(parse.GetValue(limit))));
        return command;
    }

    private static int Run(string outDir, TimeSpan limit)
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

        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        Directory.CreateDirectory(outDir);
        var crashed = new List<string>();
        var run = Guid.NewGuid().ToString("N"); // the claim executables of this smoke run merge into one file
        foreach (var (_, suite) in ClaimProjects.In(Repository.Root()))
        {
            var exit = Wine(wine, [Path.Combine(payload, $"{suite}.exe"), "--filter", "TestCategory=Claim", "--no-progress"], prefix, outDir, run, limit, out var output);
            // The test platform exits 2 when a test failed (Wine differs from the FAQ); anything else is a crash.
            var ok = exit is 0 or 2 && !output.Contains("Fatal error", StringComparison.Ordinal);
            Console.WriteLine($"{suite} under Wine: exit {exit}{(ok ? "" : ", crashed: " + string.Join(" / ", output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3)))}");
            if (!ok)
            {
                crashed.Add(suite);
            }
        }

        var file = Directory.GetFiles(outDir, "wine-*.json").FirstOrDefault();
        if (file is null)
        {
            Console.WriteLine($"conformance: no results file was written in {outDir}");
            return 1;
        }

        var results = ResultsFile.Load(file) with { Lane = "wine" }; // Wine's own lane, never a Windows one
        results.Save(file);
        var missing = ClaimRows.Expected(Catalogue.Default).Except(results.Claims.Select(c => c.Row)).ToList();
        Console.WriteLine($"{results.Platform.Id} ({results.Platform.Distro}): {Columns.Columns.Summary(results)}");
        Console.WriteLine($"Results: {file}");
        if (missing.Count > 0)
        {
            Console.WriteLine($"missing claims: {string.Join(", ", missing)}");
        }

        return crashed.Count == 0 && missing.Count == 0 ? 0 : 1;
    }

    private static int Wine(string wine, string[] args, string prefix, string outDir, string run, TimeSpan limit, out string output)
    {
        var environment = new Dictionary<string, string>
        {
            ["WINEPREFIX"] = prefix,
            ["WINEDEBUG"] = "-all",
            [ResultsEnvironment.Directory] = "Z:" + outDir.Replace('/', '\\'),
            [ResultsEnvironment.Run] = run,
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
