using Conformance.Fixtures.Processes;
using System.Text.RegularExpressions;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;
using Conformance.Harness.Cli;
using Conformance.Harness.Gate;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance run</c>: builds the suite, runs every claim test through <c>dotnet test</c> with the
/// results directory set, shows progress claim by claim, and summarises the results file it produced.</summary>
public static partial class RunCommand
{
    private const string Help = """
        conformance run [--out DIR] [--lane NAME] [--slow] [--repeat N] [--filter EXPR] [--no-build]

        Runs every claim of the catalogue on this machine and writes DIR/<platform-id>.json
        (default DIR: artifacts/results). Any results file already there for this platform is replaced.

          --out DIR      where the results file goes
          --lane NAME    the CI slot this run belongs to, which `conformance gate` compares with its baseline
                         (default: host; the workflow passes the runner label, e.g. ubuntu-24.04)
          --slow         also observe the Slow claims (tcp.time-wait-duration waits up to 5 minutes);
                         without it they are recorded as inconclusive
          --filter EXPR  a dotnet test filter to run part of the suite, e.g. "Name=tcp.oob"
          --no-build     use the last build
          --repeat N     run the suite N times and report every observation that changed between runs
                         (a flip: claim, key, the values seen) and each claim's median time; a flip fails

        Exit code 0 when every claim held, differed as documented, or could not be observed here;
        1 when a claim differed without documentation or its scenario broke; 2 on bad input.
        """;

    public static int Execute(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        var cli = new CliArgs("run", args, new HashSet<string> { "--slow", "--no-build" }, new HashSet<string> { "--out", "--filter", "--repeat", "--lane" });
        var lane = ResultsSet.LaneName(cli.Option("--lane") ?? Lanes.Default);
        Environment.SetEnvironmentVariable(Lanes.Variable, lane); // the test processes inherit it
        var outDir = Path.GetFullPath(cli.Option("--out") ?? Path.Combine(Root(), "artifacts", "results"));
        var slow = cli.Flag("--slow");
        var noBuild = cli.Flag("--no-build");
        var filter = cli.Option("--filter");
        var repeat = cli.IntOption("--repeat", 1);
        return repeat == 1 ? Run(outDir, slow, noBuild, filter, Console.Out) : Repeat(repeat, outDir, slow, noBuild, filter);
    }

    /// <summary>Runs the suite once into <paramref name="outDir"/>; returns the exit code.</summary>
    public static int Run(string outDir, bool slow, bool noBuild, string? filter, TextWriter progress)
    {
        var root = Root();
        var platform = PlatformInfo.Current;
        var path = Path.Combine(outDir, $"{platform.Id}.json");
        Directory.CreateDirectory(outDir);
        File.Delete(path);

        if (!noBuild)
        {
            progress.WriteLine("Building the suite...");
            var build = Dotnet(root, ["build", "Conformance.sln", "-nologo", "-v", "q", "-clp:ErrorsOnly"], null, line => progress.WriteLine(line));
            if (build != 0)
            {
                progress.WriteLine("conformance: the build failed (see above); fix it and run again.");
                return 1;
            }
        }

        var catalogue = Catalogue.Default;
        var total = catalogue.Rows.Count;
        var done = 0;
        var env = new Dictionary<string, string>
        {
            [ResultsStore.DirectoryVariable] = outDir,
            ["CONFORMANCE_SLOW"] = slow ? "1" : "",
        };
        var testFilter = filter is null ? "TestCategory=Claim" : $"TestCategory=Claim&({filter})";
        progress.WriteLine($"Running {total} claim runs ({catalogue.Claims.Count} claims, some over both IPv4 and IPv6) on {platform.Id} ({platform.Distro}, kernel {platform.OsVersion})...");
        var exit = Dotnet(root, ["test", "Conformance.sln", "--no-build", "--filter", testFilter, "--logger", "console;verbosity=normal"], env, line =>
        {
            var m = OutcomeLine().Match(line);
            if (m.Success && catalogue.Order.ContainsKey(m.Groups["id"].Value))
            {
                done++;
                progress.WriteLine($"[{done,2}/{total}] {m.Groups["id"].Value,-34} {m.Groups["outcome"].Value.ToLowerInvariant()}");
            }
            else if (line.Contains("error", StringComparison.OrdinalIgnoreCase) && !line.StartsWith(' '))
            {
                progress.WriteLine(line);
            }
        });

        if (!File.Exists(path))
        {
            progress.WriteLine($"conformance: no results file was written at {path}; the test run printed what went wrong above.");
            return 1;
        }

        var file = ResultsFile.Load(path);
        var missing = filter is null ? catalogue.Rows.Select(r => r.Key).Except(file.Claims.Select(c => c.Row)).ToList() : [];
        Summarise(file, missing, path, progress);
        return exit == 0 && missing.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs the suite <paramref name="times"/> times into DIR/repeat-K and compares the runs.</summary>
    private static int Repeat(int times, string outDir, bool slow, bool noBuild, string? filter)
    {
        var runs = new List<ResultsFile>();
        var failed = false;
        for (var k = 1; k <= times; k++)
        {
            var dir = Path.Combine(outDir, $"repeat-{k}");
            var exit = Run(dir, slow, noBuild: noBuild || k > 1, filter, k == 1 ? Console.Out : TextWriter.Null);
            var file = ResultsFile.Load(Path.Combine(dir, $"{PlatformInfo.Current.Id}.json"));
            runs.Add(file);
            failed |= exit != 0;
            Console.WriteLine($"Run {k}/{times}: {Columns.Columns.Counts(file)}{(exit != 0 ? " (a claim failed)" : "")}");
        }

        var report = Stability.Of(runs);
        Console.WriteLine();
        Console.WriteLine(report.Flips.Count == 0
            ? $"No flips: every observation was the same in all {times} runs."
            : $"{report.Flips.Count} flip(s) across {times} runs:");
        foreach (var flip in report.Flips)
        {
            Console.WriteLine($"  {flip.Claim,-34} {flip.Key,-24} {string.Join(" | ", flip.Values)}");
        }

        Console.WriteLine();
        Console.WriteLine($"Median claim time: {report.TotalMedianMs} ms in all ({report.Medians.Count} claims); the slowest:");
        foreach (var (claim, ms) in report.Medians.OrderByDescending(m => m.Value).Take(8))
        {
            Console.WriteLine($"  {claim,-34} {ms,6} ms");
        }

        return failed || report.Flips.Count > 0 ? 1 : 0;
    }

    private static void Summarise(ResultsFile file, List<string> missing, string path, TextWriter progress)
    {
        progress.WriteLine();
        progress.WriteLine($"{file.Claims.Count} claims on {file.Platform.Id}, lane {file.Lane}: {Columns.Columns.Counts(file)}");
        foreach (var claim in file.Claims.Where(c => c.Verdict is not Verdict.Holds))
        {
            var why = claim.Documented?.Reason ?? claim.Note ?? "";
            progress.WriteLine($"  {claim.Verdict.ToString().ToLowerInvariant(),-12} {claim.Row,-34} {why}");
        }

        foreach (var id in missing)
        {
            progress.WriteLine($"  missing      {id,-34} no test recorded it");
        }

        progress.WriteLine($"Results: {path}");
    }

    internal static string Root() =>
        RepositoryRoot.Find(Environment.CurrentDirectory) ?? RepositoryRoot.Find()
        ?? throw new CliException("cannot find Conformance.sln above the current directory; run from the repository");

    internal static int Dotnet(string workingDirectory, IEnumerable<string> args, IDictionary<string, string>? env, Action<string> onLine)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var environment = new Dictionary<string, string>(env ?? new Dictionary<string, string>())
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        // A build or a whole test run: bounded generously, so a hang still ends.
        var result = Command.Run(dotnet, args, TimeSpan.FromMinutes(30), environment, onLine, workingDirectory);
        return result.Exit ?? throw new CliException($"dotnet {string.Join(' ', args.Take(2))} did not finish within 30 minutes");
    }

    [GeneratedRegex(@"^\s+(?<outcome>Passed|Failed|Skipped)\s+(?<id>\S+)")]
    private static partial Regex OutcomeLine();
}
