namespace Conformance.Harness.Matrix;

/// <summary>The layer dimension of the matrix: a results file holds both layers' observations, and the matrix shows
/// them as two adjacent columns per platform, the OS's (its own id) and .NET's (<c>id@dotnet</c>), so the page can
/// hide either and markdown keeps them side by side.</summary>
public static class LayerColumns
{
    public const string Suffix = "@dotnet";

    /// <summary>The OS column, and the .NET column when the file has .NET-layer results (each result then under its
    /// plain row key, as the matrix's rows have no layer).</summary>
    public static IEnumerable<ResultsFile> Split(ResultsFile file)
    {
        yield return file with { Claims = [.. file.Claims.Where(c => c.Layer is null)] };
        var dotnet = file.Claims.Where(c => c.Layer == ClaimRows.DotnetLayer).Select(c => c with { Layer = null }).ToList();
        if (dotnet.Count > 0)
        {
            yield return file with
            {
                Platform = file.Platform with { Id = file.Platform.Id + Suffix },
                Column = file.ColumnOf with { Label = file.ColumnOf.Label + " .NET" },
                Claims = dotnet,
            };
        }
    }

    public static bool IsDotnet(string columnId) => columnId.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>The platform a column belongs to, whichever layer it shows.</summary>
    public static string PlatformOf(string columnId) => IsDotnet(columnId) ? columnId[..^Suffix.Length] : columnId;

    public static string Layer(string columnId) => IsDotnet(columnId) ? ClaimRows.DotnetLayer : "os";
}
