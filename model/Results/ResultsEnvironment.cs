namespace Conformance.Model;

/// <summary>The environment through which a runner (`conformance run`, a distro container, a kernel guest, Wine)
/// tells the test processes it starts where their results file goes.</summary>
public static class ResultsEnvironment
{
    /// <summary>The folder of the results file, which is then named by the platform id.</summary>
    public const string Directory = "CONFORMANCE_RESULTS_DIR";

    /// <summary>The results file itself, for a runner that reads it back without listing a folder.</summary>
    public const string File = "CONFORMANCE_RESULTS_FILE";

    /// <summary>The run the test processes belong to: those of one run merge into one file, and a file left by
    /// another run is started afresh. Without it, a `dotnet test` invocation is the run (see ResultsStore).</summary>
    public const string Run = "CONFORMANCE_RUN_ID";

    /// <summary>The results folder: $CONFORMANCE_RESULTS_DIR, or the clone's artifacts/results.</summary>
    public static string ResultsDirectory => Environment.GetEnvironmentVariable(Directory) is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : Path.Combine(RepositoryRoot.Find() ?? Environment.CurrentDirectory, "artifacts", "results");
}
