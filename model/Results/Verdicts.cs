namespace Conformance.Model;

/// <summary>Turns an observation into a verdict: holds when it matches the FAQ's expectation, differs
/// otherwise, documented when the platform's expectation table explains the difference.</summary>
public static class Verdicts
{
    public sealed record Judgement(Verdict Verdict, Expectation? Documented, string? Note);

    /// <param name="family">The run's address family, for expectation entries that hold for one family only.</param>
    /// <param name="unobserved">Keys the layer cannot observe (with the reason): judged on the others alone.</param>
    public static Judgement Judge(CatalogueEntry claim, IReadOnlyDictionary<string, string> observed, PlatformFacts platform, ExpectationTable table, string? family = null, string? layer = null,
        IReadOnlyDictionary<string, string>? unobserved = null)
    {
        claim = claim.For(platform.Os);
        if (unobserved is { Count: > 0 })
        {
            if (claim.Expected.Keys.All(unobserved.ContainsKey))
            {
                // Nothing left to judge: the layer cannot ask the claim at all, which is not the claim holding.
                return new(Verdict.Unsupported, null, string.Join("; ", unobserved.Values.Distinct()));
            }

            claim = claim with { Expected = claim.Expected.Where(e => !unobserved.ContainsKey(e.Key)).ToDictionary() };
        }

        var expectedKeys = claim.Expected.Keys.ToList();
        if (!expectedKeys.SequenceEqual(observed.Keys))
        {
            return new(Verdict.Error, null,
                $"the scenario recorded [{string.Join(", ", observed.Keys)}] but the catalogue lists [{string.Join(", ", expectedKeys)}]");
        }

        if (Matches(claim.Expected, observed))
        {
            return new(Verdict.Holds, null, null);
        }

        var documented = table.Find(claim, platform, observed, family, layer);
        return documented is not null
            ? new(Verdict.Differs, documented, null)
            : new(Verdict.Differs, null, $"undocumented difference on {Name(platform)}: {Differences(claim.Expected, observed)}");
    }

    /// <summary>The platform by its id where it has one (wine-8.0-x64 is Wine, not the Windows version it reports),
    /// with its OS and version.</summary>
    private static string Name(PlatformFacts platform) =>
        platform.Field("id") is { Length: > 0 } id ? $"{id} ({platform.Os} {platform.OsVersion})" : $"{platform.Os} {platform.OsVersion}";

    public static bool Matches(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> observed) =>
        expected.All(e => observed.TryGetValue(e.Key, out var value) && Pattern.Matches(e.Value, value));

    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> faq, IReadOnlyDictionary<string, string> platform)
    {
        var merged = new Dictionary<string, string>(faq);
        foreach (var (key, value) in platform)
        {
            merged[key] = value;
        }

        return merged;
    }

    public static string Differences(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> observed) =>
        string.Join("; ", expected
            .Where(e => !observed.TryGetValue(e.Key, out var v) || !Pattern.Matches(e.Value, v))
            .Select(e => $"{e.Key} expected {e.Value}, observed {(observed.TryGetValue(e.Key, out var v) ? v : "nothing")}"));
}
