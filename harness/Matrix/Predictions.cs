namespace Conformance.Harness.Matrix;

/// <summary>Columns for the operating systems no input has run natively: what the expectation tables predict, cell by
/// cell (the FAQ's values, or the documented difference with its reason and reference). They live only in the
/// matrix: never written to a results file, never gated. Once a native results file of that OS is among the inputs,
/// its observed column takes the prediction's place and <see cref="Check"/> says what the prediction got right.</summary>
public static class Predictions
{
    /// <summary>The OS families whose tables predict a platform no runner here has, with their column headers.</summary>
    public static readonly IReadOnlyList<(string Os, string Label)> Families =
        [("macos", "macOS (predicted)"), ("freebsd", "FreeBSD 14 (predicted)"), ("windows", "Windows (predicted)")];

    /// <summary>A predicted column per family of <see cref="Families"/> that has no native column among the inputs.</summary>
    public static List<ResultsFile> For(IEnumerable<ResultsFile> inputs, Catalogue catalogue, ExpectationTable table)
    {
        var observed = Observed(inputs).Select(f => f.Platform.Os).ToHashSet();
        return [.. Families.Where(f => !observed.Contains(f.Os)).Select(f => Column(f.Os, f.Label, catalogue, table))];
    }

    public static ResultsFile Column(string os, string label, Catalogue catalogue, ExpectationTable table) => new()
    {
        Lane = $"{os}-predicted",
        Platform = new PlatformInfo { Id = $"{os}-predicted", Os = os, OsVersion = "—", Runtime = "—", Arch = "—", User = "—" },
        Column = ColumnInfo.Of(ColumnKinds.Predicted, label, "predicted from the expectation tables; no run has shown it"),
        StartedAt = DateTime.UnixEpoch,
        Claims = [.. ClaimRows.Cells(catalogue).Select(cell => Cell(cell.Row, cell.Layer, os, table))],
    };

    /// <summary>How a native column of a predicted OS compares with what the tables predicted, row by row: a
    /// prediction is confirmed when the observed values match the predicted ones (the FAQ's where no entry applies).</summary>
    public static Checked Check(ResultsFile observed, Catalogue catalogue, ExpectationTable table)
    {
        var confirmed = new List<string>();
        var refuted = new List<string>();
        foreach (var result in observed.Claims.Where(c => c.Verdict is Verdict.Holds or Verdict.Differs))
        {
            var predicted = table.Predict(catalogue[result.Id], observed.Platform.Os, result.Family, result.Layer).Expected;
            (Verdicts.Matches(predicted, result.Observed) ? confirmed : refuted).Add(result.Row);
        }

        return new Checked(observed.Platform.Id, confirmed, refuted);
    }

    /// <summary>The native columns among the inputs of an OS the tables predict.</summary>
    public static IEnumerable<ResultsFile> Observed(IEnumerable<ResultsFile> inputs) =>
        inputs.Where(f => f.ColumnOf.Kind == ColumnKinds.Native && Families.Any(p => p.Os == f.Platform.Os));

    public static bool IsPredicted(ColumnInfo column) => column.Kind == ColumnKinds.Predicted;

    private static ClaimResult Cell(ClaimRow row, string? layer, string os, ExpectationTable table)
    {
        var (expected, documented) = table.Predict(row.Claim, os, row.Family, layer);
        return new ClaimResult
        {
            Id = row.Claim.Id,
            Faq = row.Claim.Faq,
            Family = row.Family,
            Layer = layer,
            Verdict = documented is null ? Verdict.Holds : Verdict.Differs,
            Observed = expected,
            Documented = documented is null ? null : new Documented(documented.Reason, documented.Reference, documented.Verified),
        };
    }

    /// <summary>A native column's rows whose observation the prediction matched, and those it did not.</summary>
    public sealed record Checked(string Platform, IReadOnlyList<string> Confirmed, IReadOnlyList<string> Refuted);
}
