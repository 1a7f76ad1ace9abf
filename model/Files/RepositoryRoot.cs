namespace Conformance.Model;

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
