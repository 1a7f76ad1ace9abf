using System.Text;

namespace Conformance.Harness.Matrix;

/// <summary>matrix.md: GitHub markdown, one row per claim and one column per platform, with the observed values
/// where a platform parts from the FAQ and footnotes for the notes.</summary>
public static class MarkdownRenderer
{
    public static string Render(CompatMatrix matrix)
    {
        var md = new StringBuilder();
        var notes = new Footnotes();
        md.AppendLine("# Unix Socket FAQ: compatibility matrix").AppendLine();
        md.AppendLine("Each row is a claim of the Unix Socket FAQ, each column a platform the suite ran on; a cell is what that");
        md.AppendLine("platform did in that run. Where it parted from the FAQ, the cell shows the observed values that differ.");
        md.AppendLine("Containers share their host's kernel: distro columns differ in userland (libc, /etc/services) and");
        md.AppendLine("per-namespace settings, not in the TCP stack. A claim whose sentence is not IPv4's alone runs over IPv4 and");
        md.AppendLine("again over IPv6: its second row, `id/ipv6`, is the same scenario on ::1.").AppendLine();
        md.AppendLine(string.Join(" · ", CellKinds.Legend.Select(l => $"{l.Symbol} {l.Name}"))
            + $" · {Predicted} predicted: no run, what the expectation tables say (a column headed \"(predicted)\")").AppendLine();

        var platforms = matrix.Platforms.Select(p => p.Platform).ToList();
        md.Append("| claim | FAQ | the FAQ says |");
        platforms.ForEach(p => md.Append(' ').Append(Text(matrix.Label(p))).Append(" |"));
        md.AppendLine().Append("|---|---|---|");
        platforms.ForEach(_ => md.Append("---|"));
        md.AppendLine();
        foreach (var row in matrix.Catalogue.Rows)
        {
            md.Append($"| `{row.Key}` | {row.Claim.Faq} | {Text(CompatMatrix.RowTitle(row))} |");
            foreach (var platform in platforms)
            {
                var cell = Cell(row, matrix.Cell(row, platform.Id), platform.Os, notes);
                md.Append(' ').Append(matrix.IsPredicted(platform.Id) ? Predicted + cell : cell).Append(" |");
            }

            md.AppendLine();
        }

        md.AppendLine().AppendLine("## Summary").AppendLine();
        md.AppendLine("| platform | " + string.Join(" | ", CellKinds.Legend.Select(l => $"{l.Symbol} {l.Name}")) + " |");
        md.AppendLine("|---|" + string.Concat(CellKinds.Legend.Select(_ => "---|")));
        foreach (var platform in platforms)
        {
            var counts = CellKinds.Legend.Select(l => matrix.Cells.Values.Count(row => CellKinds.Of(row[platform.Id]) == l.Kind));
            md.AppendLine($"| {Text(matrix.Label(platform))} | {string.Join(" | ", counts)} |");
        }

        md.AppendLine().AppendLine("## Platforms").AppendLine();
        // The axes of the columns shown, not every axis there is: a matrix of two columns explains two.
        var shown = matrix.Platforms.Select(run => matrix.Axis(run.Platform)).ToHashSet(StringComparer.Ordinal);
        md.AppendLine("Columns are grouped by axis: " + string.Join("; ", ColumnKinds.Axes.Where(a => shown.Contains(a.Name)).Select(a => $"**{a.Name}**: {a.Meaning}")) + ".").AppendLine();
        md.AppendLine("| column | axis | id | OS version | distro | libc | runtime | arch | container | user | how it ran | started |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var run in matrix.Platforms)
        {
            var p = run.Platform;
            md.AppendLine($"| {Text(matrix.Label(p))} | {Text(matrix.Axis(p))} | {MarkdownText.Code(p.Id)} | {Text(p.OsVersion)} | {Text(p.Distro ?? "—")} | {Text(p.Libc ?? "—")} | {Text(p.Runtime)} | {Text(p.Arch)} | {Text(p.Container ?? "—")} | {Text(p.User)} | {Text(matrix.Column(p.Id).Note ?? "—")} | {run.StartedAt:yyyy-MM-dd HH:mm}Z |");
        }

        if (matrix.Checks.Count > 0)
        {
            md.AppendLine().AppendLine("## Predictions checked").AppendLine();
            md.AppendLine("A native column of an OS the tables predict, against that prediction: a row is confirmed when it observed the");
            md.AppendLine("predicted values, refuted otherwise (then its entry, or the lack of one, is what to fix).").AppendLine();
            foreach (var check in matrix.Checks)
            {
                md.AppendLine($"- {MarkdownText.Code(check.Platform)}: {check.Confirmed.Count} confirmed, {check.Refuted.Count} refuted"
                    + (check.Refuted.Count > 0 ? ": " + string.Join(", ", check.Refuted.Select(MarkdownText.Code)) : ""));
            }
        }

        if (notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var (number, text) in notes.All)
            {
                md.AppendLine($"[^{number}]: {text}");
            }
        }

        foreach (var layer in Layers.All.Where(l => l != Layers.Raw))
        {
            var withLayer = matrix.Platforms.Where(p => LayerColumns.LayerOf(p.Platform.Id) == layer).Select(p => LayerColumns.PlatformOf(p.Platform.Id)).ToHashSet();
            if (withLayer.Count > 0)
            {
                md.AppendLine().AppendLine($"## Where {layer.Title} differs from the OS's calls").AppendLine();
                foreach (var source in matrix.Sources.Where(f => withLayer.Contains(f.Platform.Id)))
                {
                    md.AppendLine($"### {Text(matrix.Label(source.Platform))}").AppendLine();
                    md.Append(LayerDifferences.Markdown(source, matrix.Catalogue, layer));
                }
            }
        }

        md.AppendLine().AppendLine("## Left out of the FAQ, and why").AppendLine();
        md.AppendLine("| FAQ | reason |").AppendLine("|---|---|");
        foreach (var left in matrix.Catalogue.LeftOut)
        {
            md.AppendLine($"| {left.Faq} | {Text(left.Reason)} |");
        }

        return md.ToString();
    }

    private static string Cell(ClaimRow row, ClaimResult? result, string os, Footnotes notes)
    {
        var claim = row.Claim.For(os);
        var kind = CellKinds.Of(result);
        var text = new StringBuilder(CellKinds.Symbol(kind));
        if (result is null)
        {
            return text.ToString();
        }

        var departures = CompatMatrix.Departures(claim, result).ToList();
        if (kind is CellKind.Documented or CellKind.Differs && departures.Count > 0)
        {
            text.Append(' ').Append(string.Join(", ", departures.Select(d => MarkdownText.Code($"{d.Key}={d.Value}"))));
        }

        var note = result.Documented is { } doc
            ? $"{Text(os)}, `{row.Key}`: {Text(doc.Reason)} ({Text(doc.Reference)}){(doc.Verified ? "" : " — unverified: from documentation, not yet seen in a run")}"
            : result.Note is { } n ? $"`{row.Key}`: {Text(n)}" : null;
        if (note is not null)
        {
            text.Append($"[^{notes.Number(note)}]");
        }

        return text.ToString();
    }

    /// <summary>What marks a predicted cell, before its verdict's symbol.</summary>
    public const string Predicted = "🔮";

    private static string Text(string text) => MarkdownText.Text(text);

    /// <summary>Footnotes numbered in order of first use, each text once.</summary>
    private sealed class Footnotes
    {
        private readonly List<string> _texts = [];

        public int Count => _texts.Count;

        public IEnumerable<(int Number, string Text)> All => _texts.Select((t, i) => (i + 1, t));

        public int Number(string text)
        {
            var index = _texts.IndexOf(text);
            if (index < 0)
            {
                _texts.Add(text);
                index = _texts.Count - 1;
            }

            return index + 1;
        }
    }
}
