using Conformance.Fixtures.Processes;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;
using Conformance.Harness.Cli;
using Conformance.Harness.Distros;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance wine</c>: a smoke run of the Windows code path on Linux. The claims are published for
/// win-x64 and run under Wine, which proves the Winsock bindings load and marshal. The results are Wine's
/// (it answers Winsock with Linux sockets): their platform id is wine-&lt;version&gt;-x64, never a Windows column.</summary>
public static class WineCommand
{
    private const string Help = """
        conformance wine [--out DIR] [--limit-minutes N]

        Publishes the claim projects for win-x64 and runs them under Wine (apt-get install wine wine64), writing
        DIR/wine-<version>-x64.json (default DIR: artifacts/wine). A smoke test of the Winsock code path: it
        fails when a claim executable crashes or leaves claims out, not when Wine differs from the FAQ.
        Exit code 0, 1 when the run crashed or is incomplete, 2 when Wine is missing.
        """;

    private static readonly string[] Suites = ["Conformance.Tcp.Tests", "Conformance.Udp.Tests", "Conformance.Options.Tests"];

    public static int Execute(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        var cli = new CliArgs("wine", args, new HashSet<string>(), new HashSet<string> { "--out", "--limit-minutes" });
        var outDir = Path.GetFullPath(cli.Option("--out") ?? Path.Combine(RunCommand.Root(), "artifacts", "wine"));
        var limit = TimeSpan.FromMinutes(cli.IntOption("--limit-minutes", 3));
        var wine = new[] { "/usr/bin/wine", "/usr/local/bin/wine" }.FirstOrDefault(File.Exists)
            ?? throw new CliException("wine is not installed: apt-get install wine wine64");

        var payload = Payload.For("win-x64", Console.WriteLine).GetAwaiter().GetResult();
        var prefix = Path.Combine(Payload.CacheRoot, "wine");
        if (!Directory.Exists(prefix))
        {
            Console.WriteLine($"creating the Wine prefix {prefix}");
            Run(wine, ["wineboot", "--init"], prefix, outDir, limit, out _);
        }

        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        Directory.CreateDirectory(outDir);
        var crashed = new List<string>();
        foreach (var suite in Suites)
        {
            var exit = Run(wine, [Path.Combine(payload, $"{suite}.exe"), "--filter", "TestCategory=Claim", "--no-progress"], prefix, outDir, limit, out var output);
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
        var missing = Catalogue.Default.Rows.Select(r => r.Key).Except(results.Claims.Select(c => c.Row)).ToList();
        Console.WriteLine($"{results.Platform.Id} ({results.Platform.Distro}): {Columns.Columns.Summary(results)}");
        Console.WriteLine($"Results: {file}");
        if (missing.Count > 0)
        {
            Console.WriteLine($"missing claims: {string.Join(", ", missing)}");
        }

        return crashed.Count == 0 && missing.Count == 0 ? 0 : 1;
    }

    private static int Run(string wine, string[] args, string prefix, string outDir, TimeSpan limit, out string output)
    {
        var environment = new Dictionary<string, string>
        {
            ["WINEPREFIX"] = prefix,
            ["WINEDEBUG"] = "-all",
            ["CONFORMANCE_RESULTS_DIR"] = "Z:" + outDir.Replace('/', '\\'),
            ["TESTINGPLATFORM_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            // .NET's W^X double mapping of code pages makes the runtime crash at exit under Wine.
            ["DOTNET_EnableWriteXorExecute"] = "0",
        };
        var result = Command.Run(wine, args, limit, environment);
        output = result.TimedOut ? $"timed out after {limit.TotalMinutes:0.#} min" : result.Output;
        return result.Exit ?? -1;
    }
}
