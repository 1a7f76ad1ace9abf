namespace Conformance.Model;

/// <summary>The environment through which a runner (`conformance run`, a distro container, a kernel guest, Wine)
/// tells the test processes it starts where their results file goes.</summary>
public static class ResultsEnvironment
{
    /// <summary>The results folder: the one the runner named (<see cref="RunContract.ResultsDir"/>), or the clone's artifacts/results.</summary>
    public static string ResultsDirectory => RunContract.Value(RunContract.ResultsDir) is { } dir
        ? Path.GetFullPath(dir)
        : Path.Combine(RepositoryRoot.Find() ?? Environment.CurrentDirectory, "artifacts", "results");
}
