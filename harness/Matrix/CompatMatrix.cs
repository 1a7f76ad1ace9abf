using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;

namespace Conformance.Harness.Matrix;

/// <summary>Claims down, platforms across: what each platform did with each claim of the catalogue.</summary>
public sealed class CompatMatrix
{
    public CompatMatrix(IEnumerable<ResultsFile> results, Catalogue catalogue)
    {
        Catalogue = catalogue;
        Platforms = results.OrderBy(r => Axis(r.Platform)).ThenBy(r => r.Platform.Id, StringComparer.Ordinal).ToList();
        var byPlatform = Platforms.ToDictionary(p => p.Platform.Id, p => p.Claims.ToDictionary(c => c.Id));
        Cells = catalogue.Claims.ToDictionary(
            c => c.Id,
            c => Platforms.ToDictionary(p => p.Platform.Id, p => byPlatform[p.Platform.Id].GetValueOrDefault(c.Id)));
    }

    public Catalogue Catalogue { get; }

    public IReadOnlyList<ResultsFile> Platforms { get; }

    /// <summary>claim id -> platform id -> result (null when that platform did not run the claim).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, ClaimResult?>> Cells { get; }

    public ClaimResult? Cell(string claim, string platform) => Cells[claim][platform];

    public IEnumerable<(Verdict? Verdict, int Count)> Summary(string platform) =>
        Enum.GetValues<Verdict>().Select(v => ((Verdict?)v, Cells.Values.Count(row => row[platform]?.Verdict == v)))
            .Append((null, Cells.Values.Count(row => row[platform] is null)));

    /// <summary>The keys whose observed value the FAQ's expectation does not accept: what a cell shows.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Departures(CatalogueEntry claim, ClaimResult result) =>
        result.Observed.Where(o => !claim.Expected.TryGetValue(o.Key, out var pattern) || !Pattern.Matches(pattern, o.Value));

    /// <summary>A short column header: "debian 12", "debian 12 ctr", "macOS 15", "Windows 26100".</summary>
    public static string ShortName(PlatformInfo platform)
    {
        var parts = platform.Id.Split('-');
        var container = platform.Id.EndsWith("-container", StringComparison.Ordinal) ? " ctr" : "";
        return platform.Os switch
        {
            "linux" when parts.Length >= 3 => $"{parts[1]} {parts[2]}{container}",
            "macos" => $"macOS {parts.ElementAtOrDefault(1)}",
            "windows" => $"Windows {parts.ElementAtOrDefault(1)}",
            "freebsd" => $"FreeBSD {parts.ElementAtOrDefault(1)}",
            _ => platform.Id,
        };
    }

    /// <summary>Columns are grouped by axis: the host, then containers, then the rest.</summary>
    public static string Axis(PlatformInfo platform) => platform.Container is null ? "1 host" : "2 container";

    public static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();
}
