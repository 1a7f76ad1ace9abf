
namespace Conformance.Harness.Gate;

/// <summary>One cell that is not what it was: a claim in a lane (or between two platforms), before and after.</summary>
public sealed record Change(string Claim, string Platform, string Before, string After);

/// <summary>Compares two runs claim by claim: a changed verdict or observed value is a change; timings and
/// timestamps are not.</summary>
public static class Comparison
{
    /// <param name="lane">Comparing a lane's run with its own baseline: a claim the baseline has no cell of is a new claim,
    /// one the catalogue no longer has a retired claim, and they are named so (comparing two platforms or layers, a
    /// claim one of them cannot run is simply absent there).</param>
    public static List<Change> Between(ResultsFile before, ResultsFile after, string platform, Catalogue catalogue, bool lane = false)
    {
        var old = before.Claims.ToDictionary(c => c.Row);
        var now = after.Claims.ToDictionary(c => c.Row);
        var ids = old.Keys.Union(now.Keys)
            .OrderBy(id => catalogue.Order.TryGetValue(id, out var i) ? i : int.MaxValue)
            .ThenBy(id => id, StringComparer.Ordinal);
        var changes = new List<Change>();
        foreach (var id in ids)
        {
            var b = old.GetValueOrDefault(id);
            var a = now.GetValueOrDefault(id);
            if (b is null || a is null)
            {
                changes.Add(new Change(id, platform, b is null ? Absent(id, before, catalogue, lane) : Describe(b, b.Observed.Keys), a is null ? Absent(id, after, catalogue, lane) : Describe(a, a.Observed.Keys)));
                continue;
            }

            var changedKeys = b.Observed.Keys.Union(a.Observed.Keys)
                .Where(k => b.Observed.GetValueOrDefault(k) != a.Observed.GetValueOrDefault(k))
                .ToList();
            if (b.Verdict != a.Verdict || changedKeys.Count > 0)
            {
                changes.Add(new Change(id, platform, Describe(b, changedKeys), Describe(a, changedKeys)));
            }
        }

        return changes;
    }

    /// <summary>Why a cell is in one run and not the other: its claim is new to the catalogue (the baseline predates it),
    /// retired from it, or the cell is simply missing from <paramref name="file"/> (a run that left it out).</summary>
    private static string Absent(string row, ResultsFile file, Catalogue catalogue, bool lane)
    {
        var id = row.Split('/', '@')[0];
        return !lane ? "absent"
            : !catalogue.Contains(id) ? "(retired claim)"
            : file.Claims.All(c => c.Id != id) ? "(new claim)"
            : "absent";
    }

    /// <summary>"differs: write#1=ECONNRESET": the verdict, and the values of the keys that changed.</summary>
    private static string Describe(ClaimResult result, IEnumerable<string> keys)
    {
        var values = keys.Select(k => $"{k}={result.Observed.GetValueOrDefault(k) ?? "(none)"}").ToList();
        var verdict = result.Verdict.ToString().ToLowerInvariant();
        return values.Count == 0 ? verdict : $"{verdict}: {string.Join(", ", values)}";
    }
}

/// <summary>The change table, as text for the terminal and as markdown for a CI summary.</summary>
public static class ChangeTable
{
    public static string Text(IReadOnlyList<Change> changes, string where = "lane")
    {
        string[] headers = ["claim", where, "before", "after"];
        var rows = changes.Select(c => new[] { c.Claim, c.Platform, c.Before, c.After }).ToList();
        var widths = Enumerable.Range(0, 4).Select(i => rows.Select(r => r[i].Length).Append(headers[i].Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        return string.Join(Environment.NewLine, new[] { Line(headers) }.Concat(rows.Select(Line)));
    }

    public static string Markdown(IReadOnlyList<Change> changes, string where = "lane") =>
        $"| claim | {where} | before | after |\n|---|---|---|---|\n"
        + string.Concat(changes.Select(c => $"| {Matrix.MarkdownText.Code(c.Claim)} | {Matrix.MarkdownText.Code(c.Platform)} | {Matrix.MarkdownText.Text(c.Before)} | {Matrix.MarkdownText.Text(c.After)} |\n"));
}
