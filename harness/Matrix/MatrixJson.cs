namespace Conformance.Harness.Matrix;

/// <summary>matrix.json from a matrix: the typed <see cref="MatrixFile"/>, with the IPv6 run of a claim nested
/// under it and a documented difference marked as BCD marks partial support.</summary>
public static class MatrixJson
{
    public static string Render(CompatMatrix matrix) => Build(matrix).ToJson();

    public static MatrixFile Build(CompatMatrix matrix)
    {
        var claims = new Dictionary<string, Dictionary<string, MatrixFeature>>();
        foreach (var row in matrix.Catalogue.Rows)
        {
            var claim = row.Claim;
            var group = claims.TryGetValue(claim.Group, out var g) ? g : claims[claim.Group] = [];
            var compat = new MatrixCompat
            {
                Id = claim.Id,
                Faq = claim.Faq,
                Family = row.Family,
                Description = CompatMatrix.RowTitle(row),
                Quote = claim.Quote,
                BeyondFaq = claim.BeyondFaq,
                OneFamily = claim.OneFamily,
                Expected = claim.Expected,
                Needs = claim.Needs,
                Support = matrix.Platforms.ToDictionary(p => p.Platform.Id, p => Statement(matrix.Cell(row, p.Platform.Id), matrix.IsPredicted(p.Platform.Id))),
            };
            var name = claim.Id[(claim.Group.Length + 1)..];
            if (row.Family is "ipv6")
            {
                group[name] = group[name] with { Ipv6 = new MatrixFeature { Compat = compat } };
            }
            else
            {
                group[name] = new MatrixFeature { Compat = compat };
            }
        }

        return new MatrixFile
        {
            Platforms = matrix.Platforms.ToDictionary(p => p.Platform.Id, p => Column(matrix, p)),
            Claims = claims,
            LeftOut = [.. matrix.Catalogue.LeftOut],
            PredictionsChecked = matrix.Checks.Count == 0 ? null
                : matrix.Checks.ToDictionary(c => c.Platform, c => new PredictionCheck([.. c.Confirmed], [.. c.Refuted])),
        };
    }

    private static MatrixPlatform Column(CompatMatrix matrix, ResultsFile run) => new(
        run.Platform,
        matrix.Column(run.Platform.Id),
        run.StartedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        matrix.Summary(run.Platform.Id).ToDictionary(s => s.Verdict is { } v ? CompatMatrix.Name(v) : "notRun", s => s.Count));

    private static MatrixStatement? Statement(ClaimResult? result, bool predicted)
    {
        if (result is null)
        {
            return null;
        }

        var notes = new List<string>();
        if (result.Documented is { } doc)
        {
            notes.Add(doc.Verified ? doc.Reason : $"{doc.Reason} (unverified: from documentation, not yet seen in a run)");
        }

        if (result.Note is { } note)
        {
            notes.Add(note);
        }

        return new MatrixStatement
        {
            Verdict = CompatMatrix.Name(result.Verdict),
            PartialImplementation = result.Verdict == Verdict.Differs,
            Observed = result.Observed,
            Native = result.Native,
            Notes = notes.Count == 0 ? null : notes,
            Reference = result.Documented?.Reference,
            Verified = result.Documented?.Verified,
            Predicted = predicted,
        };
    }
}
