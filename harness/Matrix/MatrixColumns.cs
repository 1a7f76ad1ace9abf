namespace Conformance.Harness.Matrix;

/// <summary>Reads one platform's column back out of a matrix.json, as the results it was made from.</summary>
public static class MatrixColumns
{
    public static ResultsFile Read(string matrixPath, string platformId)
    {
        var matrix = MatrixFile.Load(matrixPath);
        if (!matrix.Platforms.TryGetValue(platformId, out var platform))
        {
            throw new BadInputException($"no platform '{platformId}' in {matrixPath}; its columns are: {string.Join(", ", matrix.Platforms.Keys)}");
        }

        // A platform's column reads back with its .NET column beside it, as the results file they were made from; a
        // .NET column on its own reads as plain results, so `diff X X@dotnet` compares the two layers.
        var dotnet = LayerColumns.IsDotnet(platformId) ? null : platformId + LayerColumns.Suffix;
        var claims = Column(matrix, platformId, layer: null)
            .Concat(dotnet is not null && matrix.Platforms.ContainsKey(dotnet) ? Column(matrix, dotnet, ClaimRows.DotnetLayer) : [])
            .ToList();
        return new ResultsFile { Platform = platform.Block(), StartedAt = DateTime.UnixEpoch, Claims = claims };
    }

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
