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

    /// <summary>Wine's version, as `wine --version` says it without its "wine-" prefix.</summary>
    public static string Version() =>
        ExternalProgram.Run(Program, ["--version"], TimeSpan.FromSeconds(30)).Output.Trim().Replace("wine-", "", StringComparison.Ordinal);

    /// <summary>The platform Wine's column stands for without a run's word: Wine <paramref name="version"/>.</summary>
    public static PlatformInfo Declared(string version) => new()
    {
        Id = $"wine-{version}-x64", Os = "windows", OsVersion = "(the run failed before Wine said)", Distro = $"Wine {version} (Windows API on Linux)",
        Libc = "ws2_32 (Wine)", Runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, Arch = "x64", User = "root",
    };

    public static async Task<ColumnOutcome> Run(TimeSpan limit, Action<string> progress)
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

            var crashes = new List<ClaimResult>();
            var run = Guid.NewGuid().ToString("N"); // the claim executables of this run merge into one file
            foreach (var project in ClaimProjects.Declared(Repository.Root()))
            {
                crashes.AddRange(await RunProject(project, payload, prefix, work.FullName, run, limit, progress));
            }

            var written = Directory.GetFiles(work.FullName, "wine-*.json").FirstOrDefault()
                ?? throw new InvalidOperationException("the claim executables wrote no results file under Wine");
            var results = ResultsFile.Load(written); // the sweep puts it in its lane
            // A cell whose test process crashed under Wine is Wine's failing, not an answer to the claim: it is
            // inconclusive with the crash's message (a Windows runner observes it), never a hole.
            var crashed = crashes.Select(c => c.Row).ToHashSet();
            results = results with
            {
                Claims = [.. results.Claims.Where(c => !crashed.Contains(c.Row)).Concat(crashes)
                    .OrderBy(c => Catalogue.Default.Order.GetValueOrDefault(c.Row, int.MaxValue))],
            };
            if (crashes.Count > 0)
            {
                progress($"{crashes.Count} cell(s) inconclusive: their test process crashed under Wine");
            }

            progress(Columns.Columns.Summary(results));
            return new ColumnOutcome(Lane, results.Platform.Id, results, null, null);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ResultsFormatException)
        {
            var reason = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            progress($"error: {reason}");
            var version = Version();
            var platform = $"wine-{version}-x64";
            var column = Columns.Columns.ErrorColumn(Lane, "run", Declared(version), ColumnInfo.Of(ColumnKinds.Wine, $"Wine {version}"), reason, "");
            return new ColumnOutcome(Lane, platform, column, null, reason);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs a claim project's executable under Wine, one process per layer. A crash takes the rest of its
    /// process with it, at a point that varies (Wine completes a failed overlapped send or receive twice, and .NET's
    /// I/O completion callback throws on the thread pool whenever that second completion comes), so a layer whose
    /// process crashed has every cell inconclusive with the crash's message, whatever it recorded before: the column
    /// is the same from run to run. Returns those cells.</summary>
    private static async Task<List<ClaimResult>> RunProject(ClaimProject project, string payload, string prefix, string resultsDir, string run, TimeSpan limit, Action<string> progress)
    {
        var exe = Path.Combine(payload, $"{project.Assembly}.exe");
        var crashes = new List<ClaimResult>();
        foreach (var layer in ClaimRows.Cells(Catalogue.Default).Where(c => project.Holds(c.Row.Claim)).GroupBy(c => Layers.Of(c.Layer)))
        {
            var rows = layer.Select(c => ClaimRows.Key(c.Row.Claim.Id, c.Row.Family, c.Layer)).ToList();
            var result = await Wine([exe, "--filter", new Workers.Worker(project, rows).Filter(), "--no-progress"], prefix, resultsDir, run, limit);
            var crash = Crash(result, limit);
            progress($"{project.Assembly} under Wine, layer {layer.Key.Name}: exit {result.Exit?.ToString() ?? "none"}{(crash is null ? "" : $", crashed: {crash}")}");
            if (crash is not null)
            {
                crashes.AddRange(layer.Select(c => CrashCell(c.Row, c.Layer)));
            }
        }

        return crashes;
    }

    private static ClaimResult CrashCell(ClaimRow row, string? layer) =>
        new()
        {
            Id = row.Claim.Id, Faq = row.Claim.Faq, Family = row.Family, Layer = layer, Verdict = Verdict.Inconclusive, Observed = [],
            // The same words every run: which exception the second completion meets varies (the progress line shows it).
            Note = "Wine cannot observe this cell: the test process of its claim group and layer crashes under Wine (an unhandled exception "
                + "in .NET's I/O completion callback, as Wine completes a failed overlapped operation twice); a Windows runner observes it",
        };

    /// <summary>Why a test process under Wine did not end as a test process ends, or null: the test platform exits 0,
    /// or 2 when a test failed (Wine differs from the FAQ); an unhandled exception or a fatal error is a crash even
    /// when Wine's own exit code hides it.</summary>
    private static string? Crash(ProgramResult result, TimeSpan limit)
    {
        if (result.TimedOut)
        {
            return $"timed out after {limit.TotalMinutes:0.#} min";
        }

        var lines = result.Output.Split('\n').Select(l => l.Trim()).ToList();
        var fatal = lines.FirstOrDefault(l => l.StartsWith("Unhandled exception.", StringComparison.Ordinal) || l.Contains("Fatal error", StringComparison.Ordinal));
        return fatal is not null ? fatal
            : result.Exit is 0 or 2 ? null
            : string.Join(" / ", lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3));
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
