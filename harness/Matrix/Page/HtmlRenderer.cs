using System.Net;
using System.Text;

namespace Conformance.Harness.Matrix;

/// <summary>matrix.html: one self-contained page (no network fetches) that opens with what the matrix found, then an
/// overview (counts per column, and a map of FAQ sections by columns shaded by the share of cells that differ), a
/// comparison of any two columns, every claim on every column, and the platforms. Everything is rendered here, so the
/// page reads without script; the inline script (Page/matrix.js) adds the filters, the "disagree" switch, the claim
/// view (#claim=ID, every claim's permalink) and the comparison (#from=A&amp;to=B). A filter can be preset in the
/// address (#section=2&amp;verdict=documented,differs&amp;platform=ID).</summary>
public static class HtmlRenderer
{
    public static string Render(CompatMatrix matrix)
    {
        var platforms = matrix.Platforms.Select(p => p.Platform).ToList();
        var disagreeing = Findings.DisagreeingRows(matrix);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine("<title>Unix Socket FAQ: compatibility matrix</title>");
        html.AppendLine($"<style>{Resource("matrix.css")}</style></head><body>");
        html.AppendLine("<header><h1>Unix Socket FAQ: compatibility matrix</h1>");
        html.AppendLine("<p>Each claim of the Unix Socket FAQ is a scenario run on every platform below, through the OS's own calls and through .NET's System.Net.Sockets; a cell is what that platform did in that run. The page opens with what the matrix found, by cause; every claim has a view of its own (its link), with the FAQ's words, what the scenario does, and every column's values and reasons.</p>");
        html.AppendLine("<nav aria-label=\"sections of this page\"><ul><li><a href=\"#findings\">What the matrix found</a></li><li><a href=\"#overview\">Overview</a></li><li><a href=\"#compare\">Compare two columns</a></li><li><a href=\"#table-section\">Every claim on every column</a></li><li><a href=\"#platforms\">Platforms</a></li></ul></nav></header>");
        html.AppendLine("<main>");
        html.AppendLine("<section id=\"claim-view\" tabindex=\"-1\" aria-label=\"the claim\" hidden></section>");
        html.AppendLine("<section id=\"platform-view\" tabindex=\"-1\" aria-label=\"the platform\" hidden></section>");
        PageSections.Findings(html, matrix, Causes.Of(matrix, ExpectationTable.Default));
        PageSections.Overview(html, matrix);
        PageSections.Compare(html, matrix);

        html.AppendLine("<section id=\"table-section\" aria-labelledby=\"table-heading\"><h2 id=\"table-heading\">Every claim on every column</h2>");
        html.AppendLine("<ul class=\"legend\">");
        foreach (var (kind, _, glyph, name, meaning) in CellKinds.Legend)
        {
            html.AppendLine($"<li><span class=\"cell {E(CellKinds.Slug(kind))}\">{E(glyph)}</span> <b>{E(name)}</b>: {E(meaning)}</li>");
        }

        html.AppendLine($"<li><span class=\"cell holds predicted\">{E(PredictedGlyph)}</span> <b>predicted</b>: no run has shown it; what the expectation tables say (a column on the <i>predicted</i> axis)</li>");
        html.AppendLine("</ul>");
        html.AppendLine("<form id=\"filters\"><fieldset><legend>FAQ section</legend><label for=\"section\">section</label> <select id=\"section\"><option value=\"\">all</option>");
        foreach (var section in Sections(matrix))
        {
            html.AppendLine($"<option value=\"{E(section)}\">{E(section)}.x</option>");
        }

        html.AppendLine("</select></fieldset><fieldset><legend>rows</legend>");
        html.AppendLine($"<label><input type=\"checkbox\" id=\"disagree\"> only where the columns that ran disagree ({disagreeing.Count} rows)</label>");
        html.AppendLine("</fieldset><fieldset><legend>verdict (rows with any)</legend>");
        foreach (var (kind, _, glyph, name, _) in CellKinds.Legend)
        {
            html.AppendLine($"<label><input type=\"checkbox\" name=\"verdict\" value=\"{E(CellKinds.Slug(kind))}\" checked> {E(glyph)} {E(name)}</label>");
        }

        html.AppendLine("</fieldset><fieldset><legend>platform</legend>");
        foreach (var p in platforms)
        {
            html.AppendLine($"<label><input type=\"checkbox\" name=\"platform\" value=\"{E(p.Id)}\" checked> {E(matrix.Label(p))}</label>");
        }

        html.AppendLine("</fieldset><fieldset><legend>layer</legend>");
        foreach (var layer in Layers.All)
        {
            html.AppendLine($"<label><input type=\"checkbox\" name=\"layer\" value=\"{E(layer.Name)}\" checked> {E(layer.Name)} ({E(layer.Title)})</label>");
        }

        html.AppendLine("</fieldset><fieldset><legend>address family</legend>");
        foreach (var family in new[] { "ipv4", "ipv6" })
        {
            html.AppendLine($"<label><input type=\"checkbox\" name=\"family\" value=\"{family}\" checked> {(family == "ipv4" ? "IPv4" : "IPv6")}</label>");
        }

        html.AppendLine($"</fieldset><output id=\"shown\">{matrix.Catalogue.Rows.Count} of {matrix.Catalogue.Rows.Count} rows</output></form>");

        html.AppendLine("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"the matrix: claims down, columns across\"><table id=\"matrix\"><thead><tr class=\"axes\"><th class=\"claim\">axis</th><th></th>");
        foreach (var axis in platforms.GroupBy(matrix.Axis))
        {
            var meaning = ColumnKinds.Meaning(axis.Key);
            html.AppendLine($"<th colspan=\"{axis.Count()}\" data-axis=\"{E(axis.Key)}\" title=\"{E(meaning)}\">{E(axis.Key)}</th>");
        }

        html.AppendLine("</tr><tr><th class=\"claim\" scope=\"col\">claim</th><th scope=\"col\">FAQ</th>");
        foreach (var p in platforms)
        {
            var predicted = matrix.IsPredicted(p.Id) ? " class=\"predicted\"" : "";
            html.AppendLine($"<th data-platform=\"{E(p.Id)}\" data-layer=\"{LayerColumns.LayerOf(p.Id).Name}\" data-base=\"{E(LayerColumns.PlatformOf(p.Id))}\" data-label=\"{E(matrix.Label(p))}\"{predicted} scope=\"col\" title=\"{E(p.Id)}\">{E(matrix.Label(p))}<small>{E(Varies(p))}</small></th>");
        }

        html.AppendLine("</tr></thead><tbody>");
        var notes = new Notes();
        foreach (var row in matrix.Catalogue.Rows)
        {
            var claim = row.Claim;
            html.Append($"<tr data-claim=\"{E(row.Key)}\" data-id=\"{E(claim.Id)}\" data-family=\"{E(row.Family ?? "")}\" data-sections=\"{E(string.Join(' ', Sections(claim)))}\" data-disagree=\"{(disagreeing.Contains(row.Key) ? "true" : "false")}\">");
            html.Append($"<th class=\"claim\" scope=\"row\"><a href=\"#claim={E(claim.Id)}\"><code>{E(row.Key)}</code></a><span class=\"title\">{E(CompatMatrix.RowTitle(row))}</span></th><td>{E(claim.Faq)}</td>");
            foreach (var p in platforms)
            {
                html.Append(Cell(claim.For(p.Os), matrix.Cell(row, p.Id), matrix.IsPredicted(p.Id), notes));
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</tbody></table></div></section>");
        notes.Write(html);
        html.AppendLine("<section id=\"platforms\" aria-labelledby=\"platforms-heading\"><h2 id=\"platforms-heading\">Platforms</h2>");
        html.AppendLine("<p>Columns are grouped by axis; what each axis varies:</p><ul>");
        foreach (var axis in platforms.Select(matrix.Axis).Distinct())
        {
            html.AppendLine($"<li><b>{E(axis)}</b>: {E(ColumnKinds.Meaning(axis))}</li>");
        }

        html.AppendLine("</ul><div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"the platforms\"><table class=\"platforms\"><thead><tr><th scope=\"col\">column</th><th scope=\"col\">axis</th><th scope=\"col\">id</th><th scope=\"col\">OS version</th><th scope=\"col\">distro</th><th scope=\"col\">libc</th><th scope=\"col\">runtime</th><th scope=\"col\">arch</th><th scope=\"col\">container</th><th scope=\"col\">sandbox</th><th scope=\"col\">user</th><th scope=\"col\">how it ran</th></tr></thead><tbody>");
        foreach (var run in matrix.Platforms)
        {
            var p = run.Platform;
            html.AppendLine($"<tr><th scope=\"row\">{E(matrix.Label(p))}</th><td>{E(matrix.Axis(p))}</td><td><code>{E(p.Id)}</code></td><td>{E(p.OsVersion)}</td><td>{E(p.Distro ?? "—")}</td><td>{E(p.Libc ?? "—")}</td><td>{E(p.Runtime)}</td><td>{E(p.Arch)}</td><td>{E(p.Container ?? "—")}</td><td>{E(p.OciRuntime ?? "—")}</td><td>{E(p.User)}</td><td>{E(matrix.Column(p.Id).Note ?? "—")}</td></tr>");
        }

        html.AppendLine("</tbody></table></div>");
        if (matrix.Checks.Count > 0)
        {
            html.AppendLine("<h2>Predictions checked</h2><ul class=\"checks\">");
            foreach (var check in matrix.Checks)
            {
                var refuted = check.Refuted.Count > 0 ? ": " + string.Join(", ", check.Refuted.Select(r => $"<code>{E(r)}</code>")) : "";
                html.AppendLine($"<li><code>{E(check.Platform)}</code>: {check.Confirmed.Count} confirmed, {check.Refuted.Count} refuted{refuted}</li>");
            }

            html.AppendLine("</ul>");
        }

        html.AppendLine("<h2>Left out of the FAQ, and why</h2><table class=\"platforms\"><thead><tr><th scope=\"col\">FAQ</th><th scope=\"col\">why</th></tr></thead><tbody>");
        foreach (var left in matrix.Catalogue.LeftOut)
        {
            html.AppendLine($"<tr><td>{E(left.Faq)}</td><td>{E(left.Reason)}</td></tr>");
        }

        html.AppendLine("</tbody></table></section></main>");
        html.AppendLine($"<script type=\"application/json\" id=\"claims\">{PageSections.ClaimsJson(matrix.Catalogue)}</script>");
        html.AppendLine($"<script>{Resource("matrix.js")}</script></body></html>");
        return html.ToString();
    }

    /// <summary>What varies in a column, under its label: the kernel or OS release, the C library, the runtime, and
    /// the sandbox or container it ran in.</summary>
    private static string Varies(PlatformInfo p) =>
        string.Join(" · ", new[] { p.Os == "linux" ? $"kernel {p.OsVersion}" : p.OsVersion, p.Libc, p.Runtime, p.OciRuntime ?? p.Container }
            .Where(v => !string.IsNullOrEmpty(v)));

    /// <summary>The FAQ's major sections the catalogue's claims come from, in order.</summary>
    public static IEnumerable<string> Sections(CompatMatrix matrix) =>
        matrix.Catalogue.Claims.SelectMany(Sections).Distinct().OrderBy(s => int.TryParse(s, out var n) ? n : int.MaxValue);

    /// <summary>A cell: its verdict as a class (and a glyph, so it reads without colour), its observed values, and a
    /// link to its reason and reference in the notes at the end of the page (each written once there: most reasons are
    /// shared by many columns). Which column a cell is in is its position, as in any table: the script reads the header.</summary>
    private static string Cell(CatalogueEntry claim, ClaimResult? result, bool predicted, Notes notes)
    {
        var kind = CellKinds.Of(result);
        var slug = CellKinds.Slug(kind);
        if (result is null)
        {
            return $"<td class=\"cell {slug}\">{CellKinds.Glyph(kind)}</td>";
        }

        var mark = predicted ? PredictedGlyph : "";
        var verdictName = predicted ? $"predicted: {CellKinds.Name(kind)}" : CellKinds.Name(kind);
        var departures = CompatMatrix.Departures(claim, result).ToList();
        var brief = kind is CellKind.Documented or CellKind.Differs ? " " + E(string.Join(", ", departures.Select(d => $"{d.Key}={d.Value}"))) : "";
        var body = new StringBuilder("<dl>");
        foreach (var (key, value) in result.Observed)
        {
            var expected = claim.Expected.GetValueOrDefault(key, "*");
            body.Append($"<dt>{E(key)}</dt><dd>{E(value)}{(Pattern.Matches(expected, value) ? "" : $"<small> (FAQ: {E(expected)})</small>")}</dd>");
        }

        body.Append("</dl>");
        if (result.Documented is { } doc)
        {
            var n = notes.Of(doc);
            body.Append($"<p class=\"why\"><a href=\"#{n}\">why: note {n[1..]}</a></p>");
        }

        if (result.Note is { } note)
        {
            body.Append($"<p>{E(note)}</p>");
        }

        var classes = predicted ? $"cell {slug} predicted" : $"cell {slug}";
        return $"<td class=\"{classes}\"><details><summary title=\"{E(verdictName)}\">{mark}{CellKinds.Glyph(kind)}{brief}</summary>{body}</details></td>";
    }

    /// <summary>The distinct reasons and references of the page's cells, numbered in order of first use.</summary>
    private sealed class Notes
    {
        private readonly Dictionary<Documented, string> _ids = [];

        public string Of(Documented documented)
        {
            if (!_ids.TryGetValue(documented, out var id))
            {
                _ids[documented] = id = $"n{_ids.Count + 1}";
            }

            return id;
        }

        public void Write(StringBuilder html)
        {
            html.AppendLine("<section id=\"notes\" aria-labelledby=\"notes-heading\"><h2 id=\"notes-heading\">Why: the documented reasons, and their references</h2><ol class=\"notes\">");
            foreach (var (doc, id) in _ids)
            {
                var unverified = doc.Verified ? "" : " — <b>unverified</b>: from documentation, not yet seen in a run";
                html.AppendLine($"<li id=\"{id}\"><p class=\"why\">{E(doc.Reason)}</p><p class=\"ref\">{References.Html(doc.Reference)}{unverified}</p></li>");
            }

            html.AppendLine("</ol></section>");
        }
    }

    /// <summary>The major FAQ sections a claim belongs to ("2.1, 2.22" is in section 2).</summary>
    public static IEnumerable<string> Sections(CatalogueEntry claim) =>
        claim.Faq.Split(',').Select(s => s.Trim().Split('.')[0]).Distinct();

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlRenderer).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded in the harness");
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>What marks a predicted cell before its verdict's glyph (a shape, so it reads without colour).</summary>
    private const string PredictedGlyph = "◇";
}
