
namespace Conformance.Harness.Matrix;

/// <summary>Claims down, platforms across: what each platform did with each claim of the catalogue, each platform as
/// its OS column and, where it has one, its .NET column beside it (see <see cref="LayerColumns"/>).</summary>
public sealed class CompatMatrix
{
    public CompatMatrix(IEnumerable<ResultsFile> results, Catalogue catalogue)
    {
        Catalogue = catalogue;
        Sources = [.. results.OrderBy(r => AxisOrder(r.Platform)).ThenBy(r => r.Platform.Id, StringComparer.Ordinal)];
        Platforms = Sources.SelectMany(LayerColumns.Split)
            .OrderBy(r => AxisOrder(r.Platform))
            .ThenBy(r => LayerColumns.PlatformOf(r.Platform.Id), StringComparer.Ordinal)
            .ThenBy(r => LayerColumns.IsDotnet(r.Platform.Id))
            .ToList();
        var byPlatform = Platforms.ToDictionary(p => p.Platform.Id, p => p.Claims.ToDictionary(c => c.Row));
        Cells = catalogue.Rows.ToDictionary(
            r => r.Key,
            r => Platforms.ToDictionary(p => p.Platform.Id, p => byPlatform[p.Platform.Id].GetValueOrDefault(r.Key)));
    }

    public Catalogue Catalogue { get; }

    /// <summary>The results files the matrix was made from, one per platform, both layers in each.</summary>
    public IReadOnlyList<ResultsFile> Sources { get; }

    public IReadOnlyList<ResultsFile> Platforms { get; }

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

    /// <summary>A short column header: "debian 12", "debian 12 ctr", "macOS 15", "Windows 26100".</summary>
    public static string ShortName(PlatformInfo platform)
    {
        if (LayerColumns.IsDotnet(platform.Id))
        {
            return ShortName(platform with { Id = LayerColumns.PlatformOf(platform.Id) }) + " .NET";
        }

        var parts = platform.Id.Split('-');
        var container = platform.Id.EndsWith("-container", StringComparison.Ordinal) ? " ctr" : "";
        return platform.Os switch
        {
            "linux" when platform.Id.EndsWith("-vm", StringComparison.Ordinal) => $"kernel {parts[2]}",
            "linux" when parts.Length >= 3 => $"{parts[1]} {parts[2]}{container}",
            "windows" when parts[0] == "wine" => $"Wine {parts.ElementAtOrDefault(1)}",
            "macos" => $"macOS {parts.ElementAtOrDefault(1)}",
            "windows" => $"Windows {parts.ElementAtOrDefault(1)}",
            "freebsd" => $"FreeBSD {parts.ElementAtOrDefault(1)}",
            _ => platform.Id,
        };
    }

    /// <summary>The axis a column belongs to; columns are grouped by it, in this order.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Axes =
    [
        ("native", "the OS itself: this machine, or a CI runner of that OS"),
        ("distro containers", "another distro's userland on the host's kernel (differs in libc, /etc/services, namespace settings; not in the TCP stack)"),
        ("kernels", "another Linux kernel, booted under QEMU with the same userland (differs in the TCP/IP stack itself)"),
        ("wine", "the Windows API as Wine implements it on Linux: a smoke run of the Winsock code path, not Windows"),
    ];

    public static string Axis(PlatformInfo platform) =>
        platform.Container is not null ? "distro containers"
        : LayerColumns.PlatformOf(platform.Id).EndsWith("-vm", StringComparison.Ordinal) ? "kernels"
        : platform.Id.StartsWith("wine-", StringComparison.Ordinal) ? "wine"
        : "native";

    private static int AxisOrder(PlatformInfo platform) => Axes.Select((a, i) => (a.Name, i)).First(a => a.Name == Axis(platform)).i;

    public static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();
}
