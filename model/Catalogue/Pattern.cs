using System.Globalization;

namespace Conformance.Model;

/// <summary>What an expected observation value may be: a literal (<c>EPIPE</c>), alternatives
/// (<c>EPIPE|ECONNRESET</c>), a bound (<c>&gt;=7200</c>), a range of space-separated bounds that must all hold
/// (<c>&gt;=20 &lt;=240</c>, FAQ 4.2's "20 seconds to 4 minutes"), anything but one value (<c>!OK</c>, where the FAQ
/// says a call fails and not with what), or anything (<c>*</c>), for where the FAQ hedges or leaves a value to the
/// platform.</summary>
public static class Pattern
{
    public static bool Matches(string pattern, string value) =>
        pattern == "*" || pattern.Split('|').Any(alternative => MatchesOne(alternative.Trim(), value));

    private static bool MatchesOne(string alternative, string value) =>
        alternative.Contains(' ', StringComparison.Ordinal) && alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var bounds
            && bounds.All(IsBound)
            ? bounds.All(bound => MatchesBound(bound, value))
            : MatchesBound(alternative, value);

    private static bool IsBound(string alternative) =>
        alternative.Length > 1 && alternative[0] is '<' or '>' && double.TryParse(alternative.TrimStart('<', '>', '='),
            NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool MatchesBound(string alternative, string value)
    {
        if (alternative.Length > 1 && alternative[0] == '!')
        {
            return value != alternative[1..];
        }

        foreach (var op in (string[])[">=", "<=", ">", "<"])
        {
            if (alternative.StartsWith(op, StringComparison.Ordinal)
                && double.TryParse(alternative[op.Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var bound))
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return false;
                }

                return op switch
                {
                    ">=" => number >= bound,
                    "<=" => number <= bound,
                    ">" => number > bound,
                    _ => number < bound,
                };
            }
        }

        return alternative == value;
    }
}

/// <summary>A range of OS versions such as <c>&gt;=3.9</c> or <c>&gt;=4.0 &lt;6.0</c> (space-separated bounds,
/// all of which must hold), compared on the leading dotted numbers of the version string.</summary>
public static class VersionRange
{
    public static bool Contains(string? range, string version)
    {
        if (string.IsNullOrWhiteSpace(range))
        {
            return true;
        }

        var actual = Parse(version);
        foreach (var bound in range.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var op = new string(bound.TakeWhile(ch => ch is '<' or '>' or '=').ToArray());
            var cmp = Compare(actual, Parse(bound[op.Length..]));
            var ok = op switch
            {
                ">=" => cmp >= 0,
                ">" => cmp > 0,
                "<=" => cmp <= 0,
                "<" => cmp < 0,
                "" or "=" => cmp == 0,
                _ => throw new FormatException($"bad version bound '{bound}' in '{range}'"),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static int[] Parse(string version) =>
        new string(version.TakeWhile(ch => char.IsDigit(ch) || ch == '.').ToArray())
            .Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => int.Parse(part, CultureInfo.InvariantCulture))
            .ToArray();

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }
}
