using Conformance.Fixtures.Claims;

namespace Conformance.Fixtures.Results;

/// <summary>Where this process's claim results go: one file per platform, shared by every test assembly.
/// dotnet test runs the assemblies in parallel processes, so each claim is merged into the file under an
/// exclusive lock and written through a temporary file and a rename: the file is always whole, and a claim
/// that ran twice appears once.</summary>
public static class ResultsStore
{
    private static readonly TimeSpan LockLimit = TimeSpan.FromSeconds(30);

    public static string Directory => ResultsEnvironment.ResultsDirectory;

    /// <summary>The results file: DIR/&lt;platform-id&gt;.json, or exactly the file a runner names
    /// (<see cref="RunContract.ResultsFile"/>).</summary>
    public static string PathFor(PlatformInfo platform) =>
        RunContract.Value(RunContract.ResultsFile) is { } file
            ? Path.GetFullPath(file)
            : Path.Combine(Directory, $"{platform.Id}.json");

    /// <summary>Results recorded and not yet in the file, and when the file was last written.</summary>
    private static readonly List<ClaimResult> Pending = [];
    private static readonly System.Diagnostics.Stopwatch SinceWritten = new();

    /// <summary>How often a claim process merges what it recorded into the file: every merge reads and rewrites the
    /// whole file under the lock the run's processes share, so a merge after every claim would cost more than most
    /// claims do. A claim process merges the rest at its end (tests/ClaimResults.cs).</summary>
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>Records a claim's result: into the file at once when the last merge is <see cref="WriteEvery"/> old (or
    /// none was made), else with the next merge.</summary>
    public static void Record(ClaimResult result)
    {
        lock (Pending)
        {
            Pending.Add(result);
            if (SinceWritten.IsRunning && SinceWritten.Elapsed < WriteEvery)
            {
                return;
            }
        }

        Flush();
    }

    /// <summary>Merges every result not yet in the file into it.</summary>
    public static void Flush()
    {
        lock (Pending)
        {
            if (Pending.Count > 0)
            {
                Record(Pending, ThisPlatform.Info, PathFor(ThisPlatform.Info), Catalogue.Default, RunId.Current);
                Pending.Clear();
            }

            SinceWritten.Restart();
        }
    }

    public static void Record(ClaimResult result, PlatformInfo platform, string path, Catalogue catalogue) =>
        Record([result], platform, path, catalogue, RunId.Current);

    public static void Record(ClaimResult result, PlatformInfo platform, string path, Catalogue catalogue, string run) =>
        Record([result], platform, path, catalogue, run);

    /// <summary>Merges <paramref name="results"/> into the file when the file is this run's; a file another run left
    /// is started afresh. The lock file holds the id of the run that last wrote, so the test processes of one
    /// `dotnet test` invocation (or one runner's executables) share a file and the next invocation does not mix in.</summary>
    private static void Record(IReadOnlyList<ClaimResult> results, PlatformInfo platform, string path, Catalogue catalogue, string run)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var gate = ExclusiveFile.Open(path + ".lock", LockLimit, TimeSpan.FromMilliseconds(10));
        var sameRun = ReadRun(gate) == run;
        var existing = sameRun && File.Exists(path) ? TryLoad(path) : null;
        var rows = results.Select(r => r.Row).ToHashSet();
        var claims = (existing?.Claims ?? []).Where(c => !rows.Contains(c.Row)).Concat(results)
            .OrderBy(c => catalogue.Order.TryGetValue(c.Row, out var i) ? i : int.MaxValue)
            .ThenBy(c => c.Row, StringComparer.Ordinal)
            .ToList();
        new ResultsFile
        {
            Lane = Lanes.Current,
            Platform = platform,
            Column = existing?.Column ?? ThisPlatform.Column,
            StartedAt = existing?.StartedAt ?? Now(),
            Claims = claims,
        }.Save(path);
        if (!sameRun)
        {
            WriteRun(gate, run);
        }
    }

    private static string ReadRun(FileStream gate)
    {
        gate.Position = 0;
        using var reader = new StreamReader(gate, leaveOpen: true);
        return reader.ReadToEnd().Trim();
    }

    private static void WriteRun(FileStream gate, string run)
    {
        gate.SetLength(0);
        using var writer = new StreamWriter(gate, leaveOpen: true);
        writer.Write(run);
    }

    /// <summary>UTC to the second: the results file records when, not how precisely.</summary>
    private static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    /// <summary>A file of another schema or a damaged one is replaced rather than merged into.</summary>
    private static ResultsFile? TryLoad(string path)
    {
        try
        {
            return ResultsFile.Load(path);
        }
        catch (ResultsFormatException)
        {
            return null;
        }
    }
}
