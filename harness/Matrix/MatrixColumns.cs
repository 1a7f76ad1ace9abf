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

        var claims = matrix.Compats
            .Where(c => c.Support.GetValueOrDefault(platformId) is not null)
            .Select(c => (Compat: c, Statement: c.Support[platformId]!))
            .Select(c => new ClaimResult
            {
                Id = c.Compat.Id,
                Faq = c.Compat.Faq,
                Family = c.Compat.Family,
                Verdict = Enum.Parse<Verdict>(c.Statement.Verdict, ignoreCase: true),
                Observed = c.Statement.Observed,
                Native = c.Statement.Native,
            })
            .ToList();
        return new ResultsFile { Platform = platform.Block(), StartedAt = DateTime.UnixEpoch, Claims = claims };
    }
}
