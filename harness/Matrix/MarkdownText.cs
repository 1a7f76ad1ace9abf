using System.Text;

namespace Conformance.Harness.Matrix;

/// <summary>Text from results files (which come from other machines' runners and images: /etc/os-release, notes,
/// observed values) as markdown that reads as that text, in a table cell or a list item: nothing in it becomes
/// HTML, a link, emphasis, code or a new cell. matrix.md goes into job summaries and README.md, which render it.</summary>
public static class MarkdownText
{
    /// <summary>Prose: HTML's and markdown's markup characters escaped, pipes escaped for tables, on one line. An
    /// underscore between two letters or digits (SO_REUSEADDR) opens no emphasis and stays as it is.</summary>
    public static string Text(string text)
    {
        var md = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            md.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '|' or '\\' or '`' or '*' or '[' or ']' => $"\\{c}",
                '_' when i > 0 && i < text.Length - 1 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]) => "_",
                '_' => "\\_",
                '\r' => "",
                '\n' => " ",
                _ => c.ToString(),
            });
        }

        return md.ToString();
    }

    /// <summary>A value as inline code: a code span shows its text as it is (no HTML, no emphasis), fenced by more
    /// backticks than it holds; pipes escaped, which a table reads even inside code.</summary>
    public static string Code(string text)
    {
        var line = text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
        if (!line.Contains('`', StringComparison.Ordinal))
        {
            return $"`{line}`";
        }

        var longest = 0;
        for (int i = 0, run = 0; i < line.Length; i++)
        {
            run = line[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        return $"{fence} {line} {fence}";
    }
}
