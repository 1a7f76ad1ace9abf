using System.Text;

namespace Conformance.Harness.Matrix;

/// <summary>What the matrix found: the claims whose columns disagree, each with what was seen, where, and the documented
/// reason. Only columns that ran count, and only their cells that observed something (holds, documented, differs): a
/// prediction is not a finding, and a cell that could not ask (unsupported, inconclusive) or broke shows no behaviour to
/// disagree with. Generated from results, never written by hand: the page opens with it, and README.md carries the copy
/// `conformance readme` makes from ci/baselines (a test keeps it current).</summary>
public static class Findings
{
    /// <summary>One behaviour seen for a row: the values of the keys on which the row's columns part, the verdicts it
    /// got, the columns that showed it (ids), and why, as the expectation tables document it.</summary>
    public sealed record Outcome(string Seen, IReadOnlyList<string> Columns, string Why);

    /// <summary>A claim whose columns disagree: the rows (families) that disagree alike, and the outcomes, the most
    /// widely seen last.</summary>
    public sealed record Finding(CatalogueEntry Claim, IReadOnlyList<string> Rows, IReadOnlyList<Outcome> Outcomes)
    {
        /// <summary>The rows that disagree when they are not all of the claim's (one family, say); null when they are.</summary>
        public IReadOnlyList<string>? SomeRows => Rows.Count == Claim.Runs.Count ? null : Rows;
    }

    public static IReadOnlyList<Finding> Of(CompatMatrix matrix)
    {
        var columns = matrix.Platforms.Select(p => p.Platform.Id).Where(id => !matrix.IsPredicted(id)).ToList();
        var findings = new List<Finding>();
        foreach (var claim in matrix.Catalogue.Claims)
        {
            var rows = matrix.Catalogue.Rows.Where(r => r.Claim == claim)
                .Select(r => (r.Key, Outcomes: Outcomes(matrix, r, columns)))
                .Where(r => r.Outcomes.Count > 1)
                .ToList();

            // A claim's IPv4 and IPv6 rows usually disagree alike: one finding then, naming both.
            foreach (var same in rows.GroupBy(r => Signature(r.Outcomes)))
            {
                findings.Add(new Finding(claim, [.. same.Select(r => r.Key)], same.First().Outcomes));
            }
        }

        return findings;
    }

    /// <summary>The rows on which the columns that ran disagree: what the page's "disagree" switch shows.</summary>
    public static IReadOnlySet<string> DisagreeingRows(IEnumerable<Finding> findings) =>
        findings.SelectMany(f => f.Rows).ToHashSet();

    /// <summary>The outcomes of a row. A key disagrees when the columns that observed it saw different values; a column
    /// that could not observe a key (an unobserved key, a layer without the call) does not disagree on it. One outcome
    /// is a row on which every column agrees.</summary>
    private static List<Outcome> Outcomes(CompatMatrix matrix, ClaimRow row, IReadOnlyList<string> columns)
    {
        var observed = columns
            .Select(id => (Column: id, Result: matrix.Cells[row.Key][id]))
            .Where(c => c.Result is { Verdict: Verdict.Holds or Verdict.Differs })
            .Select(c => (c.Column, Result: c.Result!))
            .ToList();
        var keys = observed.SelectMany(c => c.Result.Observed.Keys).Distinct()
            .Where(k => observed.Select(c => c.Result.Observed.GetValueOrDefault(k)).OfType<string>().Distinct().Count() > 1)
            .ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        string Values(ClaimResult r) => string.Join(", ", keys.Select(k => $"{k}={r.Observed.GetValueOrDefault(k) ?? "(not observed)"}"));
        return [.. observed.GroupBy(c => Values(c.Result))
            .Select(g => new Outcome(
                $"{g.Key} ({string.Join(", ", g.Select(c => CellKinds.Name(CellKinds.Of(c.Result))).Distinct())})",
                [.. g.Select(c => c.Column)],
                string.Join(" ", g.Select(c => Why(c.Result)).Distinct())))
            .OrderBy(o => o.Columns.Count)
            .ThenBy(o => o.Seen, StringComparer.Ordinal)];
    }

    private static string Why(ClaimResult result) =>
        result.Documented?.Reason ?? (result.Verdict == Verdict.Holds ? "as the FAQ says" : result.Note ?? "not documented");

    private static string Signature(IReadOnlyList<Outcome> outcomes) =>
        string.Join("\n", outcomes.Select(o => $"{o.Seen}\t{string.Join(",", o.Columns)}"));

    private static string LayerName(Layer layer) => layer == Layers.Raw ? "the OS's calls" : layer.Label.Trim();

    /// <summary>The columns an outcome was seen on, as a reader scans them: platforms by their label, grouped by the
    /// layers they showed it at ("debian 12, kernel 6.1 at the OS's calls; Wine 8.0 at .NET, .NET async").</summary>
    public static string Where(CompatMatrix matrix, IEnumerable<string> columns) =>
        string.Join("; ", columns
            .GroupBy(LayerColumns.PlatformOf)
            .Select(p => (Platform: matrix.Column(p.Key).Label, Layers: string.Join(", ", p.Select(c => LayerName(LayerColumns.LayerOf(c))))))
            .GroupBy(p => p.Layers)
            .Select(g => $"{string.Join(", ", g.Select(p => p.Platform))} at {g.Key}"));

    /// <summary>The findings as markdown: a heading line per claim, a row per outcome. <paramref name="claimLink"/> makes
    /// the link to a claim's view from its id (null: no link).</summary>
    public static string Markdown(CompatMatrix matrix, IReadOnlyList<Finding> findings, Func<string, string>? claimLink = null)
    {
        var md = new StringBuilder();
        md.AppendLine($"{findings.Select(f => f.Claim.Id).Distinct().Count()} claims on which the columns that ran disagree, "
            + "each with what was seen, where, and why:").AppendLine();
        foreach (var finding in findings)
        {
            var id = claimLink is null ? $"`{finding.Claim.Id}`" : $"[`{finding.Claim.Id}`]({claimLink(finding.Claim.Id)})";
            var rows = finding.SomeRows is { } some ? $" (row {string.Join(", ", some.Select(r => $"`{r}`"))})" : "";
            md.AppendLine($"- {id}{rows}, FAQ {finding.Claim.Faq}: {MarkdownText.Text(finding.Claim.Title)}");
            foreach (var outcome in finding.Outcomes)
            {
                md.AppendLine($"  - {MarkdownText.Code(outcome.Seen)} on {MarkdownText.Text(Where(matrix, outcome.Columns))}: {MarkdownText.Text(outcome.Why)}");
            }
        }

        return md.ToString();
    }

}
