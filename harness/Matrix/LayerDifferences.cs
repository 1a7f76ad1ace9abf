using System.Text;

namespace Conformance.Harness.Matrix;

/// <summary>For readers of a layer above the OS's calls (C# readers of System.Net.Sockets): per platform, the rows where
/// what the layer shows differs from what the OS's own calls show, and the claims it cannot express at all. Generated
/// from results files, never written by hand: matrix.md carries it for every platform and layer, docs/dotnet.md the host
/// lane's (a test keeps that copy current).</summary>
public static class LayerDifferences
{
    public static string Markdown(ResultsFile file, Catalogue catalogue, Layer layer)
    {
        var os = file.Claims.Where(c => c.Layer is null).ToDictionary(c => c.Row);
        var dotnet = file.Claims.Where(c => c.Layer == layer.Key).ToList();
        var md = new StringBuilder();
        var differing = dotnet
            .Where(d => d.Verdict != Verdict.Unsupported)
            .Select(d => (Net: d, Os: os.GetValueOrDefault(ClaimRows.Key(d.Id, d.Family))))
            .Where(p => p.Os is not null && (p.Os.Verdict != p.Net.Verdict || Changed(p.Os, p.Net).Count > 0))
            .OrderBy(p => catalogue.Order.GetValueOrDefault(ClaimRows.Key(p.Net.Id, p.Net.Family), int.MaxValue))
            .ToList();
        md.AppendLine($"On {MarkdownText.Code(file.Platform.Id)} ({MarkdownText.Text(file.Platform.Distro ?? file.Platform.Os)}, {MarkdownText.Text(file.Platform.Runtime)}), "
            + $"{differing.Count} of {dotnet.Count(d => d.Verdict != Verdict.Unsupported)} rows with a scenario through {layer.Title} show something else than the OS's calls:").AppendLine();
        md.AppendLine($"| row | the OS's calls | {layer.Title} | why |").AppendLine("|---|---|---|---|");
        foreach (var (net, osResult) in differing)
        {
            var raw = osResult!;
            var changed = Changed(raw, net);
            string Values(ClaimResult r) => string.Join(", ", changed.Select(k => MarkdownText.Code($"{k}={r.Observed.GetValueOrDefault(k) ?? "(none)"}")));
            md.AppendLine($"| `{ClaimRows.Key(net.Id, net.Family)}` | {Values(raw)} | {Values(net)} | {MarkdownText.Text(Why(net, layer))} |");
        }

        var unobserved = dotnet.Where(d => d.Unobserved is { Count: > 0 } && d.Family is null or "ipv4")
            .SelectMany(d => d.Unobserved!.Select(u => (Row: d.Id, Key: u.Key, Reason: u.Value))).ToList();
        if (unobserved.Count > 0)
        {
            md.AppendLine().AppendLine($"{layer.Title} cannot observe {unobserved.Count} key(s), left out of their cells:").AppendLine();
            foreach (var (row, key, reason) in unobserved)
            {
                md.AppendLine($"- `{row}` `{key}`: {MarkdownText.Text(reason)}");
            }
        }

        var unsupported = dotnet.Where(d => d.Verdict == Verdict.Unsupported && d.Family is null or "ipv4").ToList();
        if (unsupported.Count > 0)
        {
            md.AppendLine().AppendLine($"{layer.Title} cannot express {unsupported.Count} claims at all:").AppendLine();
            foreach (var claim in unsupported)
            {
                md.AppendLine($"- `{claim.Id}`: {MarkdownText.Text(claim.Note ?? "")}");
            }
        }

        return md.ToString();
    }

    /// <summary>The keys whose values differ, leaving out those the layer cannot observe (listed apart).</summary>
    private static List<string> Changed(ClaimResult raw, ClaimResult net) =>
        [.. net.Observed.Keys.Union(raw.Observed.Keys)
            .Where(k => net.Unobserved?.ContainsKey(k) != true && net.Observed.GetValueOrDefault(k) != raw.Observed.GetValueOrDefault(k))];

    /// <summary>The layer's own expectation entry; where the layer does what the FAQ says and the OS does not, that.</summary>
    private static string Why(ClaimResult net, Layer layer) =>
        net.Documented?.Reason ?? net.Note ?? (net.Verdict == Verdict.Holds ? $"through {layer.Title} the claim holds as the FAQ says" : "");
}
