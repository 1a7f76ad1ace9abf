using System.Text;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Readme;

/// <summary>README's account of the claims, made from the catalogue so that no count or table goes stale when a claim
/// is added, retired or moved beyond the FAQ: how many there are, and each group's table.</summary>
public static class ClaimTables
{
    /// <summary>The groups, as the catalogue's ids begin, with the folder of their tests.</summary>
    public static readonly IReadOnlyList<(string Group, string Name, string Folder)> Groups =
        [("tcp", "TCP", "tests/Tcp"), ("udp", "UDP", "tests/Udp"), ("opt", "Options", "tests/Options")];

    public static string Counts(Catalogue catalogue)
    {
        var quoting = catalogue.Claims.Count(c => c.BeyondFaq is null);
        var beyond = catalogue.Claims.Count - quoting;
        var groups = string.Join(", ", Groups.Select(g => $"{catalogue.Claims.Count(c => c.Group == g.Group)} {g.Name}"));
        var both = catalogue.Claims.Count(c => c.Families is not null);
        return $"{catalogue.Claims.Count} claims ({groups}): {quoting} ask a sentence of the FAQ's sections 1 to 6 in its own "
            + $"words, {beyond} go beyond it and name their source instead (an RFC, POSIX, a manual page). {both} run over both "
            + $"IPv4 and IPv6 from one body, the other {catalogue.Claims.Count - both} once, each saying why.";
    }

    /// <summary>A group's claims: id, FAQ section (or "beyond" and the source), and what it checks.</summary>
    public static string Table(Catalogue catalogue, string group)
    {
        var md = new StringBuilder("| claim | FAQ | what it checks |\n|---|---|---|\n");
        foreach (var claim in catalogue.Claims.Where(c => c.Group == group))
        {
            var faq = claim.BeyondFaq is { } source ? $"beyond: {MarkdownText.Text(Short(source))}" : claim.Faq;
            md.Append($"| `{claim.Id}` | {faq} | {MarkdownText.Text(claim.Title)} |\n");
        }

        return md.ToString();
    }

    /// <summary>A source's first clause: "RFC 3493 section 3.7 (...)" reads as "RFC 3493 section 3.7".</summary>
    private static string Short(string source)
    {
        var ends = new[] { " (", "; ", ": ", ", " }.Select(s => source.IndexOf(s, StringComparison.Ordinal)).Where(i => i > 0);
        return ends.Any() ? source[..ends.Min()] : source;
    }
}
