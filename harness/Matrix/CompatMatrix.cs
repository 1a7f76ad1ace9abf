
namespace Conformance.Harness.Matrix;

/// <summary>Claims down, platforms across: what each platform did with each claim of the catalogue, each platform as
/// its OS column and, where it has one, its .NET column beside it (see <see cref="LayerColumns"/>).</summary>
public sealed class CompatMatrix
{
    /// <param name="predictFrom">When given, a predicted column (see <see cref="Predictions"/>) for each OS these
    /// tables predict that no input has run natively, and a check of each native column that has.</param>
    public CompatMatrix(IEnumerable<ResultsFile> results, Catalogue catalogue, ExpectationTable? predictFrom = null)
    {
        Catalogue = catalogue;
        var observed = results.ToList();
        Checks = predictFrom is null ? [] : [.. Predictions.Observed(observed).Select(f => Predictions.Check(f, catalogue, predictFrom))];
        results = predictFrom is null ? observed : [.. observed, .. Predictions.For(observed, catalogue, predictFrom)];
        Sources = [.. results.OrderBy(r => ColumnKinds.Order(r.ColumnOf.Axis)).ThenBy(r => r.Platform.Id, StringComparer.Ordinal)];
        Platforms = Sources.SelectMany(LayerColumns.Split)
            .OrderBy(r => ColumnKinds.Order(r.ColumnOf.Axis))
            .ThenBy(r => LayerColumns.PlatformOf(r.Platform.Id), StringComparer.Ordinal)
            .ThenBy(r => Layers.IndexOf(LayerColumns.LayerOf(r.Platform.Id)))
            .ToList();
        _columns = Platforms.ToDictionary(p => p.Platform.Id, p => p.ColumnOf);
        var byPlatform = Platforms.ToDictionary(p => p.Platform.Id, p => p.Claims.ToDictionary(c => c.Row));
        Cells = catalogue.Rows.ToDictionary(
            r => r.Key,
            r => Platforms.ToDictionary(p => p.Platform.Id, p => byPlatform[p.Platform.Id].GetValueOrDefault(r.Key)));
    }

    public Catalogue Catalogue { get; }

    /// <summary>For each native column of an OS the tables predict, which of its rows the prediction got right.</summary>
    public IReadOnlyList<Predictions.Checked> Checks { get; }

    /// <summary>Whether a column is a prediction, not a run (either layer).</summary>
    public bool IsPredicted(string columnId) => Predictions.IsPredicted(Column(columnId));

    /// <summary>The results files the matrix was made from, one per platform, both layers in each.</summary>
    public IReadOnlyList<ResultsFile> Sources { get; }

    public IReadOnlyList<ResultsFile> Platforms { get; }

    /// <summary>The columns that ran (not predicted), each layer its own, in the matrix's order: what findings are made of.</summary>
    public IEnumerable<PlatformInfo> Ran => Platforms.Select(p => p.Platform).Where(p => !IsPredicted(p.Id));

    /// <summary>row key (claim id, or <c>id/ipv6</c>) -> platform id -> result (null when that platform did not run it).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, ClaimResult?>> Cells { get; }

    public ClaimResult? Cell(ClaimRow row, string platform) => Cells[row.Key][platform];

    /// <summary>What a row is called in the first column: the claim's title, or for its IPv6 run, that it is the
    /// same claim again over the other family.</summary>
    public static string RowTitle(ClaimRow row) => row.Family == "ipv6" ? "↳ the same, over IPv6 (::1)" : row.Claim.Title;

    public IEnumerable<(Verdict? Verdict, int Count)> Summary(string platform) =>
        Enum.GetValues<Verdict>().Select(v => ((Verdict?)v, Cells.Values.Count(row => row[platform]?.Verdict == v)))
            .Append((null, Cells.Values.Count(row => row[platform] is null)));

    /// <summary>The keys whose observed value the FAQ's expectation does not accept: what a cell shows.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Departures(CatalogueEntry claim, ClaimResult result) =>
        result.Observed.Where(o => !claim.Expected.TryGetValue(o.Key, out var pattern) || !Pattern.Matches(pattern, o.Value));

    private readonly Dictionary<string, ColumnInfo> _columns;

    /// <summary>A column as its runner declared it (the .NET column of a platform as its OS column's, marked .NET).</summary>
    public ColumnInfo Column(string columnId) => _columns[columnId];

    /// <summary>A column's header: "debian 12", "debian 12 ctr", "gVisor 0.0-20221219.0", "kernel 6.1", "macOS 15".</summary>
    public string Label(PlatformInfo platform) => Column(platform.Id).Label;

    /// <summary>The axis a column belongs to; columns are grouped by it, in the order of <see cref="ColumnKinds.Axes"/>.</summary>
    public string Axis(PlatformInfo platform) => Column(platform.Id).Axis;

    public static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();
}
