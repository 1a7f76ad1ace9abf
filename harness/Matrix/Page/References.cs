using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Matrix;

/// <summary>A reference as the page shows it: the expectation tables name sources in a few fixed forms (a URL, a file
/// of a named source tree, a commit, an issue, an RFC), and each form links to where it can be read. The forms are
/// data: a new one is a row here, not a branch.</summary>
public static partial class References
{
    private static readonly (Regex Form, Func<Match, string> Address)[] Forms =
    [
        (Url(), m => m.Value),
        (new(@"\bdotnet/runtime (src/[\w./-]+)"), m => $"https://github.com/dotnet/runtime/blob/main/{m.Groups[1].Value}"),
        (new(@"\bXNU ((?:bsd|osfmk|libkern)/[\w./-]+)"), m => $"https://github.com/apple-oss-distributions/xnu/blob/main/{m.Groups[1].Value}"),
        (new(@"\bfreebsd-src (sys/[\w./-]+)"), m => $"https://github.com/freebsd/freebsd-src/blob/main/{m.Groups[1].Value}"),
        (new(@"\bfreebsd-src commit ([0-9a-f]{7,40})"), m => $"https://github.com/freebsd/freebsd-src/commit/{m.Groups[1].Value}"),
        (new(@"\bgVisor (pkg/[\w./-]+)"), m => $"https://github.com/google/gvisor/blob/master/{m.Groups[1].Value}"),
        (new(@"\bLinux commit ([0-9a-f]{7,40})"), m => $"https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id={m.Groups[1].Value}"),
        (new(@"(?<![\w/])((?:net|include|kernel|fs)/[\w/-]+\.[ch])\b"), m => $"https://github.com/torvalds/linux/blob/master/{m.Groups[1].Value}"),
        (new(@"\b([a-z0-9-]+/[\w.-]+)#(\d+)"), m => $"https://github.com/{m.Groups[1].Value}/issues/{m.Groups[2].Value}"),
        (new(@"\bRFC (\d+)"), m => $"https://www.rfc-editor.org/rfc/rfc{m.Groups[1].Value}"),
    ];

    /// <summary><paramref name="reference"/> as HTML: its text, each source it names a link (the earliest and longest
    /// form wins where two overlap).</summary>
    public static string Html(string reference)
    {
        var links = Forms.SelectMany(f => f.Form.Matches(reference).Select(m => (m.Index, m.Length, Address: f.Address(m))))
            .OrderBy(l => l.Index).ThenByDescending(l => l.Length);
        var html = new StringBuilder();
        var at = 0;
        foreach (var (index, length, address) in links)
        {
            if (index < at)
            {
                continue; // inside a longer one already linked
            }

            html.Append(WebUtility.HtmlEncode(reference[at..index]));
            html.Append($"<a href=\"{WebUtility.HtmlEncode(address)}\">{WebUtility.HtmlEncode(reference.Substring(index, length))}</a>");
            at = index + length;
        }

        return html.Append(WebUtility.HtmlEncode(reference[at..])).ToString();
    }

    [GeneratedRegex(@"https?://[^\s;,()""]+")]
    private static partial Regex Url();
}
