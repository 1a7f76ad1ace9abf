
namespace Conformance.Harness.Gate;

/// <summary>What repeated runs of one platform say about the suite itself: observations that flipped between
/// runs (the suite recorded noise), and how long each claim takes.</summary>
public sealed record Stability(IReadOnlyList<Stability.Flip> Flips, IReadOnlyDictionary<string, long> Medians)
{
    public sealed record Flip(string Claim, string Key, IReadOnlyList<string> Values);

    public long TotalMedianMs => Medians.Values.Sum();

    public static Stability Of(IReadOnlyList<ResultsFile> runs)
    {
        var flips = new List<Flip>();
        var ids = runs.SelectMany(r => r.Claims.Select(c => c.Row)).Distinct().ToList();
        foreach (var id in ids)
        {
            var results = runs.Select(r => r.Claims.FirstOrDefault(c => c.Row == id)).ToList();
            var verdicts = results.Select(r => r?.Verdict.ToString().ToLowerInvariant() ?? "(absent)").Distinct().ToList();
            if (verdicts.Count > 1)
            {
                flips.Add(new Flip(id, "(verdict)", verdicts));
            }

            foreach (var key in results.SelectMany(r => r?.Observed.Keys.AsEnumerable() ?? []).Distinct())
            {
                var values = results.Select(r => r?.Observed.GetValueOrDefault(key) ?? "(none)").Distinct().ToList();
                if (values.Count > 1)
                {
                    flips.Add(new Flip(id, key, values));
                }
            }
        }

        var medians = ids.ToDictionary(id => id, id => Median(runs.Select(r => r.Claims.FirstOrDefault(c => c.Row == id)?.DurationMs).OfType<long>().ToList()));
        return new Stability(flips, medians);
    }

    private static long Median(List<long> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return values[values.Count / 2];
    }
}
