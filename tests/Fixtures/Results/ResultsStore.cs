using Conformance.Fixtures.Claims;

namespace Conformance.Fixtures.Results;

/// <summary>Where this process's claim results go: one file per platform, shared by every test assembly.
/// dotnet test runs the assemblies in parallel processes, so each claim is merged into the file under an
/// exclusive lock and written through a temporary file and a rename: the file is always whole, and a claim
/// that ran twice appears once.</summary>
public static class ResultsStore
{
    public const string DirectoryVariable = "CONFORMANCE_RESULTS_DIR";
    private static readonly TimeSpan LockLimit = TimeSpan.FromSeconds(30);

    public static string Directory => Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : Path.Combine(RepositoryRoot.Find() ?? Environment.CurrentDirectory, "artifacts", "results");

    /// <summary>The results file: DIR/&lt;platform-id&gt;.json, or exactly CONFORMANCE_RESULTS_FILE when a runner
    /// names it (so it can read it back without listing a folder, which gVisor's sandbox fails at here).</summary>
    public static string PathFor(PlatformInfo platform) =>
        Environment.GetEnvironmentVariable("CONFORMANCE_RESULTS_FILE") is { Length: > 0 } file
            ? Path.GetFullPath(file)
            : Path.Combine(Directory, $"{platform.Id}.json");

    public static void Record(ClaimResult result) => Record(result, PlatformInfo.Current, PathFor(PlatformInfo.Current), Catalogue.Default);

    public static void Record(ClaimResult result, PlatformInfo platform, string path, Catalogue catalogue)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var gate = Lock(path + ".lock");
        var existing = File.Exists(path) ? TryLoad(path) : null;
        var claims = (existing?.Claims ?? []).Where(c => c.Row != result.Row).Append(result)
            .OrderBy(c => catalogue.Order.TryGetValue(c.Row, out var i) ? i : int.MaxValue)
            .ThenBy(c => c.Row, StringComparer.Ordinal)
            .ToList();
        new ResultsFile
        {
            Lane = Lanes.Current,
            Platform = platform,
            StartedAt = existing?.StartedAt ?? Now(),
            Claims = claims,
        }.Save(path);
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

    private static FileStream Lock(string lockPath)
    {
        var deadline = DateTime.UtcNow + LockLimit;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10); // another test process holds the lock: there is nothing to poll on, why: flock has no waitable handle in .NET
            }
        }
    }
}

/// <summary>The repository's root: the nearest folder above the running assembly holding Conformance.sln.</summary>
public static class RepositoryRoot
{
    public static string? Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
