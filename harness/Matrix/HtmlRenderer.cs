using System.Net;
using System.Text;

namespace Conformance.Harness.Matrix;

/// <summary>matrix.html: one self-contained page (no network fetches). The table is rendered here, so it reads
/// without script; the small inline script adds the filters by FAQ section, verdict, platform, layer and address family. A filter can
/// be preset in the address (#section=2&amp;verdict=documented,differs&amp;platform=ID), which the browser test uses.</summary>
public static class HtmlRenderer
{
    public static string Render(CompatMatrix matrix)
    {
        var platforms = matrix.Platforms.Select(p => p.Platform).ToList();
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine("<title>Unix Socket FAQ: compatibility matrix</title>");
        html.AppendLine($"<style>{Style}</style></head><body>");
        html.AppendLine("<header><h1>Unix Socket FAQ: compatibility matrix</h1>");
        html.AppendLine("<p>Each row is a claim of the Unix Socket FAQ, each column a platform; a cell is what that platform did in that run. Open a cell for its observed values and notes. Containers share their host's kernel: distro columns differ in userland, not in the TCP stack.</p>");
        html.AppendLine("<ul class=\"legend\">");
        foreach (var (kind, _, glyph, name, meaning) in CellKinds.Legend)
        {
            html.AppendLine($"<li><span class=\"cell {E(CellKinds.Slug(kind))}\">{E(glyph)}</span> <b>{E(name)}</b>: {E(meaning)}</li>");
        }

        html.AppendLine($"<li><span class=\"cell holds predicted\">{E(PredictedGlyph)}</span> <b>predicted</b>: no run has shown it; what the expectation tables say (a column on the <i>predicted</i> axis)</li>");
        html.AppendLine("</ul>");
        html.AppendLine("<form id=\"filters\"><fieldset><legend>FAQ section</legend><select id=\"section\"><option value=\"\">all</option>");
        foreach (var section in matrix.Catalogue.Claims.SelectMany(Sections).Distinct().Order())
        {
            html.AppendLine($"<option value=\"{E(section)}\">{E(section)}.x</option>");
        }

        html.AppendLine("</select></fieldset><fieldset><legend>verdict (rows with any)</legend>");
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

        html.AppendLine($"</fieldset><output id=\"shown\">{matrix.Catalogue.Rows.Count} of {matrix.Catalogue.Rows.Count} rows</output></form></header>");

        html.AppendLine("<main><table id=\"matrix\"><thead><tr class=\"axes\"><th class=\"claim\"></th><th></th>");
        foreach (var axis in platforms.GroupBy(matrix.Axis))
        {
            var meaning = ColumnKinds.Meaning(axis.Key);
            html.AppendLine($"<th colspan=\"{axis.Count()}\" data-axis=\"{E(axis.Key)}\" title=\"{E(meaning)}\">{E(axis.Key)}</th>");
        }

        html.AppendLine("</tr><tr><th class=\"claim\">claim</th><th>FAQ</th>");
        foreach (var p in platforms)
        {
            var predicted = matrix.IsPredicted(p.Id) ? " class=\"predicted\" data-predicted=\"true\"" : "";
            html.AppendLine($"<th data-platform=\"{E(p.Id)}\" data-layer=\"{LayerColumns.LayerOf(p.Id).Name}\"{predicted} title=\"{E(p.Id)}\">{E(matrix.Label(p))}</th>");
        }

        html.AppendLine("</tr></thead><tbody>");
        foreach (var row in matrix.Catalogue.Rows)
        {
            var claim = row.Claim;
            html.Append($"<tr data-claim=\"{E(row.Key)}\" data-family=\"{E(row.Family ?? "")}\" data-sections=\"{E(string.Join(' ', Sections(claim)))}\">");
            html.Append($"<th class=\"claim\" scope=\"row\"><code>{E(row.Key)}</code><span class=\"title\">{E(CompatMatrix.RowTitle(row))}</span></th><td>{E(claim.Faq)}</td>");
            foreach (var p in platforms)
            {
                html.Append(Cell(claim, matrix.Cell(row, p.Id), p, matrix.IsPredicted(p.Id)));
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</tbody></table></main>");
        html.AppendLine("<section><h2>Platforms</h2><table class=\"platforms\"><thead><tr><th>column</th><th>axis</th><th>id</th><th>OS version</th><th>distro</th><th>libc</th><th>runtime</th><th>arch</th><th>container</th><th>user</th><th>how it ran</th><th>summary</th></tr></thead><tbody>");
        foreach (var run in matrix.Platforms)
        {
            var p = run.Platform;
            var summary = string.Join(" ", CellKinds.Legend.Select(l => $"{l.Glyph}{matrix.Cells.Values.Count(row => CellKinds.Of(row[p.Id]) == l.Kind)}"));
            html.AppendLine($"<tr><td>{E(matrix.Label(p))}</td><td>{E(matrix.Axis(p))}</td><td><code>{E(p.Id)}</code></td><td>{E(p.OsVersion)}</td><td>{E(p.Distro ?? "—")}</td><td>{E(p.Libc ?? "—")}</td><td>{E(p.Runtime)}</td><td>{E(p.Arch)}</td><td>{E(p.Container ?? "—")}</td><td>{E(p.User)}</td><td>{E(matrix.Column(p.Id).Note ?? "—")}</td><td>{summary}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
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

        html.AppendLine("<h2>Left out of the FAQ, and why</h2><table class=\"platforms\"><tbody>");
        foreach (var left in matrix.Catalogue.LeftOut)
        {
            html.AppendLine($"<tr><td>{E(left.Faq)}</td><td>{E(left.Reason)}</td></tr>");
        }

        html.AppendLine("</tbody></table></section>");
        html.AppendLine($"<script>{Script}</script></body></html>");
        return html.ToString();
    }

    private static string Cell(CatalogueEntry claim, ClaimResult? result, PlatformInfo platform, bool predicted)
    {
        var kind = CellKinds.Of(result);
        var slug = CellKinds.Slug(kind);
        var mark = predicted ? PredictedGlyph : "";
        var verdictName = predicted ? $"predicted: {CellKinds.Name(kind)}" : CellKinds.Name(kind);
        if (result is null)
        {
            return $"<td class=\"cell {slug}\" data-platform=\"{E(platform.Id)}\" data-layer=\"{LayerColumns.LayerOf(platform.Id).Name}\" data-kind=\"{slug}\" title=\"not run\">{CellKinds.Glyph(kind)}</td>";
        }

        var departures = CompatMatrix.Departures(claim, result).ToList();
        var brief = kind is CellKind.Documented or CellKind.Differs ? " " + E(string.Join(", ", departures.Select(d => $"{d.Key}={d.Value}"))) : "";
        var body = new StringBuilder("<dl>");
        foreach (var (key, value) in result.Observed)
        {
            var expected = claim.Expected.GetValueOrDefault(key, "*");
            body.Append($"<dt>{E(key)}</dt><dd>{E(value)}{(Pattern.Matches(expected, value) ? "" : $" <small>(FAQ: {E(expected)})</small>")}</dd>");
        }

        body.Append("</dl>");
        if (result.Documented is { } doc)
        {
            body.Append($"<p>{E(doc.Reason)}</p><p class=\"ref\">{E(doc.Reference)}{(doc.Verified ? "" : " — <b>unverified</b>: from documentation, not yet seen in a run")}</p>");
        }

        if (result.Note is { } note)
        {
            body.Append($"<p>{E(note)}</p>");
        }

        if (predicted)
        {
            body.Append("<p class=\"ref\"><b>Predicted</b>: no run has shown this cell; it is what the expectation tables say.</p>");
        }

        var classes = predicted ? $"cell {slug} predicted" : $"cell {slug}";
        var data = predicted ? " data-predicted=\"true\"" : "";
        return $"<td class=\"{classes}\" data-platform=\"{E(platform.Id)}\" data-layer=\"{LayerColumns.LayerOf(platform.Id).Name}\" data-kind=\"{slug}\"{data}><details><summary title=\"{E(verdictName)}\">{mark}{CellKinds.Glyph(kind)}{brief}</summary>{body}</details></td>";
    }

    /// <summary>The major FAQ sections a claim belongs to ("2.1, 2.22" is in section 2).</summary>
    private static IEnumerable<string> Sections(CatalogueEntry claim) =>
        claim.Faq.Split(',').Select(s => s.Trim().Split('.')[0]).Distinct();

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>What marks a predicted cell before its verdict's glyph (a shape, so it reads without colour).</summary>
    private const string PredictedGlyph = "◇";

    private const string Style = """
        :root { --holds: #d9f2d9; --documented: #fde8c4; --differs: #f8c9c9; --unsupported: #e3e3e3; --inconclusive: #dde7f7; --error: #f1c6f1; --notrun: #fff; }
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1b1b1b; }
        header, section { padding: 0 1rem; }
        h1 { font-size: 1.4rem; }
        .legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; }
        form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-start; margin-bottom: .5rem; }
        fieldset { border: 1px solid #ccc; padding: .25rem .5rem; }
        fieldset label { margin-right: .5rem; white-space: nowrap; }
        output { align-self: center; font-weight: bold; }
        main { overflow: auto; max-height: 80vh; border-top: 1px solid #ccc; }
        table { border-collapse: separate; border-spacing: 0; }
        th, td { border-bottom: 1px solid #ddd; border-right: 1px solid #eee; padding: .25rem .4rem; vertical-align: top; text-align: left; }
        #matrix thead tr.axes th { top: 0; background: #ececec; font-weight: normal; font-style: italic; }
        #matrix thead th { position: sticky; top: 1.9em; background: #f6f6f6; z-index: 2; }
        #matrix th.claim { position: sticky; left: 0; background: #fafafa; z-index: 1; min-width: 16rem; }
        #matrix thead th.claim { z-index: 3; }
        .title { display: block; font-weight: normal; color: #555; font-size: .85em; }
        .cell { min-width: 7rem; font-size: .9em; }
        .legend .cell { display: inline-block; min-width: 1.5em; text-align: center; }
        .cell.holds { background: var(--holds); } .cell.documented { background: var(--documented); }
        .cell.differs { background: var(--differs); } .cell.unsupported { background: var(--unsupported); }
        .cell.inconclusive { background: var(--inconclusive); } .cell.error { background: var(--error); }
        summary { cursor: pointer; }
        dl { display: grid; grid-template-columns: auto auto; gap: 0 .5rem; margin: .25rem 0; }
        dt { font-family: ui-monospace, monospace; } dd { margin: 0; font-family: ui-monospace, monospace; }
        .ref { color: #555; font-size: .85em; }
        .cell.predicted { background-image: repeating-linear-gradient(135deg, transparent 0 6px, rgba(255,255,255,.7) 6px 9px); font-style: italic; }
        th.predicted { font-style: italic; border-bottom: 2px dashed #888; }
        [hidden] { display: none !important; }
        """;

    private const string Script = """
        (() => {
          const form = document.getElementById('filters');
          const rows = [...document.querySelectorAll('#matrix tbody tr')];
          const checked = name => [...form.querySelectorAll(`input[name=${name}]`)].filter(i => i.checked).map(i => i.value);
          function apply() {
            const section = document.getElementById('section').value;
            const verdicts = new Set(checked('verdict'));
            const platforms = new Set(checked('platform'));
            const families = new Set(checked('family'));
            const layers = new Set(checked('layer'));
            document.querySelectorAll('[data-platform]').forEach(el => el.hidden = !platforms.has(el.dataset.platform) || !layers.has(el.dataset.layer));
            let shown = 0;
            for (const row of rows) {
              const inSection = !section || row.dataset.sections.split(' ').includes(section);
              const kinds = [...row.querySelectorAll('td[data-kind]')].filter(td => !td.hidden).map(td => td.dataset.kind);
              const inFamily = !row.dataset.family || families.has(row.dataset.family);
              row.hidden = !(inSection && inFamily && kinds.some(k => verdicts.has(k)));
              if (!row.hidden) shown++;
            }
            document.getElementById('shown').value = `${shown} of ${rows.length} rows`;
          }
          const preset = new URLSearchParams(location.hash.slice(1));
          if (preset.has('section')) document.getElementById('section').value = preset.get('section');
          for (const name of ['verdict', 'platform', 'family', 'layer']) {
            if (!preset.has(name)) continue;
            const wanted = new Set(preset.get(name).split(','));
            form.querySelectorAll(`input[name=${name}]`).forEach(i => i.checked = wanted.has(i.value));
          }
          form.addEventListener('change', apply);
          apply();
        })();
        """;
}
