namespace Conformance.Harness.Gate;

/// <summary>Approved baselines: DIR/&lt;lane&gt;.json, what `approve` writes and `gate --propose` proposes.</summary>
public static class Baselines
{
    /// <summary>Writes <paramref name="file"/> as DIR/&lt;lane&gt;.json with durations zeroed; gives the path.</summary>
    public static string Write(ResultsFile file, string folder)
    {
        var path = Path.Combine(folder, $"{file.Lane}.json");
        var approved = file with { Claims = [.. file.Claims.Select(c => c with { DurationMs = 0 })] };
        AtomicFile.Write(path, System.Text.Json.JsonSerializer.Serialize(approved, Json.Options) + "\n");
        return path;
    }
}
