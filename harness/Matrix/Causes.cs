using System.Text;

namespace Conformance.Harness.Matrix;

/// <summary>What the matrix found, told by cause: every difference from the FAQ that a column which ran showed, grouped
/// under the documented reason that explains it (an expectation entry, a rename of the runtime's error table), each
/// cause once with the claims and columns it moves. A sandbox's, a container engine's and Wine's own departures are one
/// cause each (their table scopes them to that platform); an OS's entry seen through Wine is Windows' as Wine shows it.
/// Undocumented differences come first; then what holds on every column. Generated from results, never by hand: the page
/// opens with it and `conformance readme` writes it into README.md.</summary>
public static class Causes
{
    /// <summary>One cause: what it is, and the claims and columns (ids) whose cells it moves.</summary>
    public sealed record Cause(string Name, IReadOnlyList<string> Claims, IReadOnlyList<string> Columns);

    /// <summary>The causes, undocumented differences first, then by how many cells they move; and the claims every
    /// column that ran observed as the FAQ says.</summary>
    public sealed record Story(IReadOnlyList<Cause> Causes, IReadOnlyList<string> HoldEverywhere);

    private const string Undocumented = "Not documented yet";

    /// <summary>What one cause moves, gathered cell by cell (claims and columns in the order first met).</summary>
    private sealed class Moved
    {
        public List<string> Claims { get; } = [];
        public List<string> Columns { get; } = [];
        public int Cells { get; private set; }

        public void Add(string claim, string column)
        {
            if (!Claims.Contains(claim))
            {
                Claims.Add(claim);
            }

            if (!Columns.Contains(column))
            {
                Columns.Add(column);
            }

            Cells++;
        }
    }

    public static Story Of(CompatMatrix matrix, ExpectationTable table)
    {
        var parts = Parts(table);
        var moved = new Dictionary<string, Moved>();
        var ran = matrix.Ran.Select(p => p.Id).ToList();
        foreach (var row in matrix.Catalogue.Rows)
        {
            foreach (var column in ran)
            {
                if (matrix.Cells[row.Key][column] is not { Verdict: Verdict.Differs } cell)
                {
                    continue;
                }

                var wine = matrix.Column(column).Kind == ColumnKinds.Wine;
                var names = cell.Documented is { } doc
                    ? parts.Where(p => doc.Reason.Contains(p.Reason, StringComparison.Ordinal)).Select(p => p.Name(wine)).Distinct().DefaultIfEmpty(FirstSentence(doc.Reason))
                    : [Undocumented];
                foreach (var name in names)
                {
                    (moved.TryGetValue(name, out var m) ? m : moved[name] = new Moved()).Add(row.Claim.Id, column);
                }
            }
        }

        var causes = moved.OrderBy(m => m.Key == Undocumented ? 0 : 1).ThenByDescending(m => m.Value.Cells).ThenBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new Cause(m.Key, m.Value.Claims, m.Value.Columns)).ToList();
        var holding = matrix.Catalogue.Claims.Where(claim => matrix.Catalogue.Rows.Where(r => r.Claim == claim).All(row =>
                ran.Select(c => matrix.Cells[row.Key][c]).Where(c => c is { Verdict: Verdict.Holds or Verdict.Differs }).ToList() is { Count: > 0 } seen
                && seen.All(c => c!.Verdict == Verdict.Holds)))
            .Select(c => c.Id).ToList();
        return new Story(causes, holding);
    }

    /// <summary>Every documented part a cell's reason can be made of, with the cause it belongs to: an entry scoped to a
    /// sandbox, a container engine or Wine is that platform's cause; the rest are causes of their own.</summary>
    private static List<(string Reason, Func<bool, string> Name)> Parts(ExpectationTable table)
    {
        var parts = new List<(string, Func<bool, string>)>();
        foreach (var os in table.OsFamilies)
        {
            foreach (var entry in table.For(os))
            {
                var own = FirstSentence(entry.Reason);
                parts.Add((entry.Reason, entry.When switch
                {
                    { } w when w.GetValueOrDefault("ociRuntime") == "runsc" => _ => "gVisor's netstack, not Linux's TCP stack (no SIGPIPE, no urgent data, its own port and buffer rules)",
                    { } w when w.GetValueOrDefault("container") is { } engine => _ => $"The container engine's namespace settings ({engine})",
                    { } w when w.GetValueOrDefault("libc")?.Contains("Wine", StringComparison.Ordinal) == true => _ => "Wine's own departures from Windows (its ws2_32 on Linux's sockets)",
                    _ when os == "windows" => wine => wine ? "Winsock as Windows documents it, seen under Wine" : own,
                    _ => _ => own,
                }));
            }
        }

        foreach (var runtime in table.Runtimes)
        {
            parts.AddRange(runtime.Expectations.Select(e => (e.Reason, (Func<bool, string>)(_ => $"{runtime.Name}: {FirstSentence(e.Reason)}"))));
            parts.AddRange(runtime.Renames.Select(r => (r.Reason, (Func<bool, string>)(_ => $"{runtime.Name}: {FirstSentence(r.Reason)}"))));
        }

        return parts;
    }

    /// <summary>A reason's first sentence, cut at a word if it runs past 110 characters.</summary>
    public static string FirstSentence(string reason)
    {
        var end = reason.IndexOf(". ", StringComparison.Ordinal);
        var first = end < 0 ? reason.TrimEnd('.') : reason[..end];
        return first.Length <= 110 ? first : first[..first.LastIndexOf(' ', 107)] + "…";
    }

    /// <summary>The story as markdown: one line per cause (claims linked to their views by <paramref name="claimLink"/>,
    /// at most five named), then the claims that hold everywhere.</summary>
    public static string Markdown(CompatMatrix matrix, Story story, Func<string, string>? claimLink = null)
    {
        var md = new StringBuilder();
        md.AppendLine($"{story.Causes.Count} causes explain every difference from the FAQ that the columns which ran show; each moves the claims named, on the columns named:").AppendLine();
        foreach (var cause in story.Causes)
        {
            md.AppendLine($"- **{MarkdownText.Text(cause.Name)}**: {Claims(cause.Claims, claimLink)} on {MarkdownText.Text(Findings.Where(matrix, cause.Columns))}");
        }

        md.AppendLine().AppendLine($"Everywhere as the FAQ says ({story.HoldEverywhere.Count} claims): {Claims(story.HoldEverywhere, claimLink, 8)}.");
        return md.ToString();
    }

    private static string Claims(IReadOnlyList<string> ids, Func<string, string>? link, int most = 5)
    {
        var named = ids.Take(most).Select(id => link is null ? $"`{id}`" : $"[`{id}`]({link(id)})");
        return string.Join(", ", named) + (ids.Count > most ? $" and {ids.Count - most} more" : "");
    }
}
