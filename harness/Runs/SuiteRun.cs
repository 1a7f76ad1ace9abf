using Conformance.Harness.Cli;
using Conformance.Harness.Gate;

namespace Conformance.Harness.Runs;

/// <summary>The suite on this machine: every claim test through <c>dotnet test</c>, into one results file named by
/// the platform the test processes detected. What `conformance run` and `conformance matrix` share.</summary>
public static class SuiteRun
{
    /// <summary>How a run ended: the exit code, and the results file it wrote (null when none was written).</summary>
    public sealed record Outcome(int Exit, ResultsFile? File);

    /// <param name="published">The suite as published for this machine, when the caller has it already (a repeat
    /// publishes once, before its timed runs); else it is looked up, and published if its sources changed.</param>
    /// <param name="declare">What the run declares of itself beyond what the test processes detect (RunContract's lane
    /// and platform id, for a column that is not this machine's own run).</param>
    public static Outcome Once(string outDir, bool slow, bool noBuild, string? filter, bool summarise = true, string? published = null,
        IReadOnlyDictionary<string, string>? declare = null)
    {
        var root = Repository.Root();
        Directory.CreateDirectory(outDir);
        var running = Path.Combine(outDir, ".running.json");
        File.Delete(running);

        if (!noBuild && !ThroughWorkers(filter) && !Build(root))
        {
            return new Outcome(1, null);
        }

        var catalogue = Catalogue.Default;
        var env = new Dictionary<string, string>
        {
            [RunContract.ResultsFile] = running,
            [RunContract.RunId] = Guid.NewGuid().ToString("N"), // the test processes of this invocation share one file
            [RunContract.Slow] = slow ? "1" : "",
        };
        foreach (var (name, value) in declare ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        var testFilter = filter is null ? "TestCategory=Claim" : $"TestCategory=Claim&({filter})";
        var expected = ClaimRows.Expected(catalogue).Count();
        var title = filter is null
            ? $"Running {expected} claim runs on this machine ({catalogue.Claims.Count} claims, some over both IPv4 and IPv6, most also through System.Net.Sockets)..."
            : $"Running the claims that match {filter}...";
        var exit = ConsoleProgress.Run(title, filter is null ? expected : 0, progress =>
        {
            using var watcher = new ResultsWatcher(running, progress);
            void Relay(string line)
            {
                if ((line.Contains("error", StringComparison.OrdinalIgnoreCase) && !line.StartsWith(' ')) || line.StartsWith("conformance: ", StringComparison.Ordinal))
                {
                    progress.Line(line); // a build or runner failure, or how the processes ran; the claims report through the file
                }
            }

            var code = ThroughWorkers(filter)
                ? RunWorkers(root, catalogue, env, Relay, published)
                : Repository.Dotnet(root, ["test", "Conformance.sln", "--no-build", "--filter", testFilter], env, Relay);
            watcher.Read();
            return code;
        });

        if (!File.Exists(running))
        {
            Console.WriteLine($"conformance: no results file was written at {running}; the test run printed what went wrong above.");
            return new Outcome(1, null);
        }

        var file = ResultsFile.Load(running);
        var path = Path.Combine(outDir, $"{file.Platform.Id}.json");
        File.Move(running, path, overwrite: true);
        File.Delete(running + ".lock");
        var missing = filter is null ? ClaimRows.Missing(catalogue, file).ToList() : [];
        if (summarise)
        {
            Summarise(file, missing, path);
        }

        return new Outcome(exit == 0 && missing.Count == 0 ? 0 : 1, file);
    }

    /// <summary>Whether the run goes through the workers' script: a whole run on Linux and macOS (side by side in
    /// network namespaces where they can be made, else side by side on the one loopback but for the claims that run
    /// alone). A filtered run, and Windows, which has no POSIX shell, go through one dotnet test of the solution.</summary>
    private static bool ThroughWorkers(string? filter) => filter is null && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS());

    /// <summary>The suite <paramref name="times"/> times into DIR/repeat-K, then every observation that changed
    /// between runs (a flip fails) and each claim's median time.</summary>
    /// <param name="published">The suite as published for another .NET (`run --dotnet`); else this machine's own is.</param>
    public static int Repeat(int times, string outDir, bool slow, bool noBuild, string? filter, string? published = null)
    {
        // The build or the publish is outside the timed runs; every run runs what was published now, even if the sources
        // change meanwhile.
        var workers = ThroughWorkers(filter);
        if (!noBuild && !workers && !Build(Repository.Root()))
        {
            return 1;
        }

        published ??= workers ? Publish(Console.WriteLine) : null;
        if (workers && published is null)
        {
            return 1;
        }

        var runs = new List<ResultsFile>();
        var walls = new List<double>();
        var failed = false;
        for (var k = 1; k <= times; k++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var outcome = Once(Path.Combine(outDir, $"repeat-{k}"), slow, noBuild: true, filter, summarise: k == 1, published);
            walls.Add(clock.Elapsed.TotalSeconds);
            failed |= outcome.Exit != 0;
            if (outcome.File is null)
            {
                return 1;
            }

            runs.Add(outcome.File);
            Console.WriteLine($"Run {k}/{times}: {Columns.Columns.Counts(outcome.File)} in {walls[^1]:0.0} s{(outcome.Exit != 0 ? " (a claim failed)" : "")}");
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
        var sorted = walls.Order().ToList();
        Console.WriteLine($"Wall time per run: median {sorted[sorted.Count / 2]:0.0} s (fastest {sorted[0]:0.0} s, slowest {sorted[^1]:0.0} s), test processes and all.");
        Console.WriteLine($"Median claim time: {report.TotalMedianMs} ms in all ({report.Medians.Count} claims); the slowest:");
        foreach (var (claim, ms) in report.Medians.OrderByDescending(m => m.Value).Take(8))
        {
            Console.WriteLine($"  {claim,-34} {ms,6} ms");
        }

        return failed || report.Flips.Count > 0 ? 1 : 0;
    }

    /// <summary>The rows split among test processes (<see cref="Workers"/>), each a claim executable of the suite as
    /// published for this machine (<see cref="Payload"/>: self-contained, precompiled, the NUnit runner in
    /// the process itself), published once per content of its sources: no test host to start, no build when nothing
    /// changed.</summary>
    private static int RunWorkers(string root, Catalogue catalogue, Dictionary<string, string> env, Action<string> onLine, string? published)
    {
        published ??= Publish(line => onLine($"conformance: {line}"));
        if (published is null)
        {
            return 1;
        }

        var testResults = Path.Combine(Path.GetTempPath(), $"conformance-testresults-{Environment.ProcessId}");
        var split = Workers.Of(catalogue, ClaimProjects.Declared(root), Workers.Count);
        var script = Path.Combine(Path.GetTempPath(), $"conformance-workers-{Environment.ProcessId}.sh");
        File.WriteAllText(script, Workers.Script(split, (worker, i) =>
            [Path.Combine(published, worker.Project.Assembly), "--filter", worker.Filter(), "--progress", "off", "--results-directory", Path.Combine(testResults, $"{i}")]));
        try
        {
            var result = ExternalProgram.Run("sh", [script], TimeSpan.FromMinutes(30), Repository.DotnetEnvironment(env), onLine, root);
            return result.Exit ?? throw new TimeoutException("the claim test processes did not finish within 30 minutes");
        }
        finally
        {
            File.Delete(script);
            if (Directory.Exists(testResults))
            {
                Directory.Delete(testResults, recursive: true);
            }
        }
    }

    /// <summary>The folder of the suite published for this machine, published now if its sources changed; null (and why,
    /// through <paramref name="say"/>) when the publish failed.</summary>
    private static string? Publish(Action<string> say)
    {
        try
        {
            return Payload.For(System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, say).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e)
        {
            // A restore without this machine's runtime (a `dotnet build` meanwhile) can break a publish that runs beside it.
            say($"publishing the suite for this machine failed; if a build ran meanwhile, run again. {e.Message}");
            return null;
        }
    }

    private static bool Build(string root)
    {
        Console.WriteLine("Building the suite...");
        if (Repository.Dotnet(root, ["build", "Conformance.sln", "-nologo", "-v", "q", "-clp:ErrorsOnly"], null, Console.WriteLine) == 0)
        {
            return true;
        }

        Console.WriteLine("conformance: the build failed (see above); fix it and run again.");
        return false;
    }

    private static void Summarise(ResultsFile file, List<string> missing, string path)
    {
        Console.WriteLine();
        Console.WriteLine($"{file.Claims.Count} claims on {file.Platform.Id}, lane {file.Lane}: {Columns.Columns.Counts(file)}");
        foreach (var claim in file.Claims.Where(c => c.Verdict is not Verdict.Holds))
        {
            var why = claim.Documented?.Reason ?? claim.Note ?? "";
            Console.WriteLine($"  {claim.Verdict.ToString().ToLowerInvariant(),-12} {claim.Row,-34} {why}");
        }

        foreach (var id in missing)
        {
            Console.WriteLine($"  missing      {id,-34} no test recorded it");
        }

        Console.WriteLine($"Results: {path}");
    }
}
