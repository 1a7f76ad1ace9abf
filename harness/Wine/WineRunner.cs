using Conformance.Harness.Columns;
using Conformance.Harness.Distros;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Wine;

/// <summary>Wine's column: the claim projects published for win-x64 and run under Wine, which proves the Winsock
/// bindings load and marshal. The results are Wine's (it answers Winsock with Linux sockets): platform id
/// wine-&lt;version&gt;-x64 in the lane <see cref="Lane"/>, never a Windows column.</summary>
public static class WineRunner
{
    public const string Lane = "wine";

    public static string Program => new[] { "/usr/bin/wine", "/usr/local/bin/wine" }.FirstOrDefault(File.Exists) ?? "";

    /// <summary>Why Wine's column cannot run here, or null.</summary>
    public static string? Unavailable() => Program.Length == 0 ? "wine is not installed: apt-get install wine wine64" : null;

    public static async Task<ColumnOutcome> RunOne(TimeSpan limit, Action<string> progress)
    {
        var work = Directory.CreateTempSubdirectory("conformance-wine-"); // Wine sees it as Z:\tmp\...
        try
        {
            var payload = await Payload.For("win-x64", progress);
            var prefix = Path.Combine(Payload.CacheRoot, "wine");
            if (!Directory.Exists(prefix))
            {
                progress($"creating the Wine prefix {prefix}");
                await Wine(["wineboot", "--init"], prefix, work.FullName, "wineboot", limit);
            }

            var crashed = new List<string>();
            var run = Guid.NewGuid().ToString("N"); // the claim executables of this run merge into one file
            foreach (var (_, suite) in ClaimProjects.In(Repository.Root()))
            {
                var result = await Wine([Path.Combine(payload, $"{suite}.exe"), "--filter", "TestCategory=Claim", "--no-progress"], prefix, work.FullName, run, limit);
                // The test platform exits 2 when a test failed (Wine differs from the FAQ); anything else is a crash.
                var ok = result.Exit is 0 or 2 && !result.Output.Contains("Fatal error", StringComparison.Ordinal);
                var why = result.TimedOut ? $"timed out after {limit.TotalMinutes:0.#} min"
                    : string.Join(" / ", result.Output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3));
                progress($"{suite} under Wine: exit {result.Exit?.ToString() ?? "none"}{(ok ? "" : $", crashed: {why}")}");
                if (!ok)
                {
                    crashed.Add(suite);
                }
            }

            var written = Directory.GetFiles(work.FullName, "wine-*.json").FirstOrDefault()
                ?? throw new InvalidOperationException("the claim executables wrote no results file under Wine");
            var results = ResultsFile.Load(written) with { Lane = Lane };
            var failure = crashed.Count == 0 ? null : $"crashed under Wine: {string.Join(", ", crashed)}";
            progress(Columns.Columns.Summary(results));
            return new ColumnOutcome(Lane, results.Platform.Id, results, null, failure);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ResultsFormatException)
        {
            var reason = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            progress($"error: {reason}");
            var version = (await ExternalProgram.RunAsync(Program, ["--version"], TimeSpan.FromSeconds(30))).Output.Trim().Replace("wine-", "", StringComparison.Ordinal);
            var platform = $"wine-{version}-x64";
            var column = Columns.Columns.ErrorColumn(Lane, "run", platform, $"Wine {version} (Windows API on Linux)", null,
                ColumnInfo.Of(ColumnKinds.Wine, $"Wine {version}"), reason, "");
            return new ColumnOutcome(Lane, platform, column with { Lane = Lane }, null, reason);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static Task<ProgramResult> Wine(string[] args, string prefix, string resultsDir, string run, TimeSpan limit) =>
        ExternalProgram.RunAsync(Program, args, limit, new Dictionary<string, string>
        {
            ["WINEPREFIX"] = prefix,
            ["WINEDEBUG"] = "-all",
            [RunContract.ResultsDir] = "Z:" + resultsDir.Replace('/', '\\'),
            [RunContract.RunId] = run,
            ["TESTINGPLATFORM_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            // .NET's W^X double mapping of code pages makes the runtime crash at exit under Wine.
            ["DOTNET_EnableWriteXorExecute"] = "0",
        });
}
