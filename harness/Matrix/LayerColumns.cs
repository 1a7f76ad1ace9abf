namespace Conformance.Harness.Matrix;

/// <summary>The layer dimension of the matrix: a results file holds every layer's observations, and the matrix shows
/// them as adjacent columns per platform, one per layer (<see cref="Layers.All"/>): the raw calls' under the platform's
/// own id, each other layer's under <c>id@layer</c>, so the page can hide any and markdown keeps them side by side.</summary>
public static class LayerColumns
{
    /// <summary>One column per layer the file has results at, in <see cref="Layers.All"/>'s order, each result under
    /// its plain row key (the matrix's rows have no layer).</summary>
    public static IEnumerable<ResultsFile> Split(ResultsFile file)
    {
        foreach (var layer in Layers.All)
        {
            var claims = file.Claims.Where(c => c.Layer == layer.Key).Select(c => c with { Layer = null }).ToList();
            if (layer == Layers.Raw || claims.Count > 0)
            {
                yield return file with
                {
                    Platform = file.Platform with { Id = ColumnId(file.Platform.Id, layer) },
                    Column = file.ColumnOf with { Label = file.ColumnOf.Label + layer.Label },
                    Claims = claims,
                };
            }
        }
    }

    /// <summary>The id of a platform's column at a layer: the platform's own for the raw layer, <c>id@layer</c> else.</summary>
    public static string ColumnId(string platformId, Layer layer) => layer.Key is { } key ? $"{platformId}@{key}" : platformId;

    /// <summary>The platform a column belongs to, whichever layer it shows.</summary>
    public static string PlatformOf(string columnId) => columnId.Split('@')[0];

    /// <summary>The layer a column shows.</summary>
    public static Layer LayerOf(string columnId) => columnId.Split('@') is [_, var key] ? Layers.Of(key) : Layers.Raw;
}
