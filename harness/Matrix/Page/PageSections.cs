using System.Text;
using System.Text.Json;

namespace Conformance.Harness.Matrix;

/// <summary>The parts of matrix.html above the table: the findings, the overview, the comparison form, and the claims'
/// words for the claim view.</summary>
internal static class PageSections
{
    private static string E(string text) => HtmlRenderer.E(text);

    /// <summary>What the matrix found, by cause (<see cref="Matrix.Causes"/>): each cause once, with the claims it moves
    /// (linking to their views) and the columns, named as groups where a group is whole.</summary>
    public static void Findings(StringBuilder html, CompatMatrix matrix, Causes.Story story)
    {
        html.AppendLine("<section id=\"findings\" aria-labelledby=\"findings-heading\"><h2 id=\"findings-heading\">What the matrix found</h2>");
        html.AppendLine($"<p>{story.Causes.Count} causes explain every difference from the FAQ that the columns which ran show. Predictions are not findings; cells that could not ask (unsupported, inconclusive) show no behaviour.</p>");
        html.AppendLine("<ul class=\"findings\">");
        foreach (var cause in story.Causes)
        {
            var claims = string.Join(", ", cause.Claims.Select(id => $"<a href=\"#claim={E(id)}\"><code>{E(id)}</code></a>"));
            html.AppendLine($"<li><b>{E(cause.Name)}</b>: {claims} on {E(Matrix.Findings.Where(matrix, cause.Columns))}</li>");
        }

        html.AppendLine("</ul>");
        html.AppendLine($"<p>Everywhere as the FAQ says ({story.HoldEverywhere.Count} claims): {string.Join(", ", story.HoldEverywhere.Select(id => $"<a href=\"#claim={E(id)}\"><code>{E(id)}</code></a>"))}.</p>");
        html.AppendLine("</section>");
    }

    /// <summary>Per column, its cells by verdict; and a map of FAQ sections by columns, each shaded by the share of the
    /// section's cells in that column that differ from the FAQ, and linking to those rows in the table.</summary>
    public static void Overview(StringBuilder html, CompatMatrix matrix)
    {
        var platforms = matrix.Platforms.Select(p => p.Platform).ToList();
        html.AppendLine("<section id=\"overview\" aria-labelledby=\"overview-heading\"><h2 id=\"overview-heading\">Overview</h2>");
        html.AppendLine("<h3>Cells by verdict, per column</h3><div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"cells by verdict, per column\"><table class=\"counts\"><thead><tr><th scope=\"col\">column</th><th scope=\"col\">axis</th>");
        foreach (var (_, _, glyph, name, _) in CellKinds.Legend)
        {
            html.Append($"<th scope=\"col\">{E(glyph)} {E(name)}</th>");
        }

        html.AppendLine("</tr></thead><tbody>");
        foreach (var p in platforms)
        {
            html.Append($"<tr data-column=\"{E(p.Id)}\"><th scope=\"row\"><a href=\"#platform={E(LayerColumns.PlatformOf(p.Id))}\">{E(matrix.Label(p))}</a>{(matrix.IsPredicted(p.Id) ? " (predicted)" : "")}</th><td>{E(matrix.Axis(p))}</td>");
            foreach (var (kind, _, _, _, _) in CellKinds.Legend)
            {
                html.Append($"<td>{matrix.Cells.Values.Count(row => CellKinds.Of(row[p.Id]) == kind)}</td>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</tbody></table></div>");
        html.AppendLine("<h3>Where the cells differ from the FAQ: FAQ section by column</h3>");
        html.AppendLine("<p>Each cell is the share of a section's cells in a column that differ from the FAQ (documented or not); darker is more. It links to those rows.</p>");
        html.AppendLine("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"FAQ section by column\"><table class=\"map\"><thead><tr><th scope=\"col\">FAQ section</th>");
        foreach (var p in platforms)
        {
            html.Append($"<th scope=\"col\">{E(matrix.Label(p))}</th>");
        }

        html.AppendLine("</tr></thead><tbody>");
        foreach (var section in HtmlRenderer.Sections(matrix))
        {
            var rows = matrix.Catalogue.Rows.Where(r => HtmlRenderer.Sections(r.Claim).Contains(section)).ToList();
            html.Append($"<tr><th scope=\"row\">{E(section)}.x</th>");
            foreach (var p in platforms)
            {
                var kinds = rows.Select(r => CellKinds.Of(matrix.Cell(r, p.Id))).Where(k => k != CellKind.NotRun).ToList();
                var differing = kinds.Count(k => k is CellKind.Documented or CellKind.Differs);
                var share = kinds.Count == 0 ? 0 : (double)differing / kinds.Count;
                var shade = (int)Math.Round(share * 60);
                html.Append($"<td style=\"background: rgba(214, 40, 40, {shade / 100.0:0.00})\"><a href=\"#section={E(section)}&amp;platform={Uri.EscapeDataString(p.Id)}\" "
                    + $"aria-label=\"{differing}/{kinds.Count} cells differ in section {E(section)} on {E(matrix.Label(p))}\">{differing}/{kinds.Count}</a></td>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</tbody></table></div></section>");
    }

    /// <summary>Two columns to compare, as `conformance diff` takes them: a platform (every layer) or one layer of it.</summary>
    public static void Compare(StringBuilder html, CompatMatrix matrix)
    {
        var options = new StringBuilder("<option value=\"\">pick a column</option>");
        foreach (var platform in matrix.Platforms.Select(p => p.Platform).GroupBy(p => LayerColumns.PlatformOf(p.Id)))
        {
            var label = matrix.Column(platform.Key).Label;
            options.Append($"<option value=\"{E(platform.Key)}\">{E(label)}: every layer</option>");
            foreach (var column in platform)
            {
                var layer = LayerColumns.LayerOf(column.Id);
                var id = layer == Layers.Raw ? $"{platform.Key}@{Layers.Raw.Name}" : column.Id;
                options.Append($"<option value=\"{E(id)}\">{E(label)}: {E(layer.Title)}</option>");
            }
        }

        html.AppendLine("<section id=\"compare\" aria-labelledby=\"compare-heading\"><h2 id=\"compare-heading\">Compare two columns</h2>");
        html.AppendLine("<p>What changes when moving from one column to another (a distro upgrade, another kernel, runc to gVisor, the OS's calls to .NET): the same cells <code>conformance diff FROM TO</code> lists.</p>");
        html.AppendLine($"<form onsubmit=\"return false\"><label>from <select id=\"diff-from\">{options}</select></label> <label>to <select id=\"diff-to\">{options}</select></label> <output id=\"diff-summary\" aria-live=\"polite\">Pick two columns.</output></form>");
        html.AppendLine("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"the cells that differ\"><table id=\"diff-result\"><thead><tr><th scope=\"col\">claim</th><th scope=\"col\">from</th><th scope=\"col\">to</th><th scope=\"col\">why, where documented</th></tr></thead><tbody></tbody></table></div></section>");
    }

    /// <summary>Each claim's words for its view: title, FAQ section, the FAQ's sentence (or the source beyond it), and
    /// what the scenario does. The serializer escapes &lt; and &gt;, so the JSON cannot end its script element.</summary>
    public static string ClaimsJson(Catalogue catalogue) =>
        JsonSerializer.Serialize(catalogue.Claims.ToDictionary(c => c.Id, c => new { c.Title, c.Faq, c.Quote, c.BeyondFaq, c.Scenario }), Json.Options);
}
