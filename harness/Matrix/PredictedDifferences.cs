using System.Text;

namespace Conformance.Harness.Matrix;

/// <summary>What the tables predict for the platforms that have not run yet: every entry of an OS table that no run
/// has confirmed, and the runtime's own table, one line each. Generated from the tables, never written by hand:
/// docs/columns.md carries it (a test keeps that copy current).</summary>
public static class PredictedDifferences
{
    public static string Markdown(ExpectationTable table, Catalogue catalogue)
    {
        var md = new StringBuilder();
        md.AppendLine("| platform | row | layer | predicted | why |").AppendLine("|---|---|---|---|---|");
        foreach (var os in table.OsFamilies.Order(StringComparer.Ordinal))
        {
            foreach (var entry in Ordered(table.For(os).Where(e => !e.Verified), catalogue))
            {
                md.AppendLine(Row(os, entry));
            }
        }

        foreach (var runtime in table.Runtimes)
        {
            var where = $"{runtime.Name} ({string.Join(", ", runtime.Os)})";
            foreach (var entry in Ordered(runtime.Expectations, catalogue))
            {
                md.AppendLine(Row(where, entry));
            }

            foreach (var rename in runtime.Renames)
            {
                md.AppendLine($"| {where} | every row | {runtime.Layer} | `{rename.From}` reads `{rename.To}` | {MarkdownText.Text(rename.Reason)} |");
            }
        }

        return md.ToString();
    }

    private static IEnumerable<Expectation> Ordered(IEnumerable<Expectation> entries, Catalogue catalogue) =>
        entries.OrderBy(e => catalogue.Order.GetValueOrDefault(ClaimRows.Key(e.Claim, e.Family), int.MaxValue));

    /// <summary>An entry's line; a runtime table's entries carry its layer, an OS table's hold for every layer unless they name one.</summary>
    private static string Row(string where, Expectation entry) =>
        $"| {where} | `{ClaimRows.Key(entry.Claim, entry.Family)}` | {entry.Layer ?? "every layer"} | "
        + $"{string.Join(", ", entry.Observed.Select(o => MarkdownText.Code($"{o.Key}={o.Value}")))} | {MarkdownText.Text(entry.Reason)} |";
}
