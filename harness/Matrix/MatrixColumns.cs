namespace Conformance.Harness.Matrix;

/// <summary>Reads one platform's column back out of a matrix.json, as the results it was made from.</summary>
public static class MatrixColumns
{
    public static ResultsFile Read(string matrixPath, string platformId)
    {
        var matrix = MatrixFile.Load(matrixPath);
        // ID@raw names the raw calls' column alone, whose id in the matrix is the platform's own.
        var rawOnly = platformId.EndsWith(RawSuffix, StringComparison.Ordinal);
        var columnId = rawOnly ? platformId[..^RawSuffix.Length] : platformId;
        if (!matrix.Platforms.TryGetValue(columnId, out var platform))
        {
            throw new BadInputException($"no platform '{platformId}' in {matrixPath}; its columns are: {string.Join(", ", matrix.Platforms.Keys)} (and ID{RawSuffix} for a platform's raw calls alone)");
        }

        // A platform's column reads back with its other layers' columns beside it, as the results file they were made
        // from; a layer's column on its own (ID@dotnet, ID@raw) reads as plain results, so `diff X@raw X@dotnet`
        // compares two layers.
        List<(string Id, string? Layer)> columns = rawOnly || LayerColumns.LayerOf(columnId) != Layers.Raw ? [(columnId, null)]
            : [.. Layers.All.Select(l => (LayerColumns.ColumnId(columnId, l), l.Key)).Where(c => matrix.Platforms.ContainsKey(c.Item1))];
        var claims = columns.SelectMany(c => Column(matrix, c.Id, c.Layer)).ToList();
        return new ResultsFile { Platform = platform.Block(), StartedAt = DateTime.UnixEpoch, Claims = claims };
    }

    private static readonly string RawSuffix = "@" + Layers.Raw.Name;

    private static IEnumerable<ClaimResult> Column(MatrixFile matrix, string columnId, string? layer) => matrix.Compats
        .Where(c => c.Support.GetValueOrDefault(columnId) is not null)
        .Select(c => (Compat: c, Statement: c.Support[columnId]!))
        .Select(c => new ClaimResult
        {
            Id = c.Compat.Id,
            Faq = c.Compat.Faq,
            Family = c.Compat.Family,
            Layer = layer,
            Verdict = Enum.Parse<Verdict>(c.Statement.Verdict, ignoreCase: true),
            Observed = c.Statement.Observed,
            Native = c.Statement.Native,
        });
}
