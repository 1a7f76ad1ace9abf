using Conformance.Fixtures.Native;
using Conformance.Fixtures.Results;

namespace Conformance.Fixtures.Claims;

/// <summary>How a claim run ended, turned into its verdict and its line of the results file. A leak outranks
/// everything; a scenario that could not observe the claim says why; an API the platform lacks is unsupported;
/// any other exception is an error; a scenario that returned is judged on what it observed.</summary>
public static class ClaimJudge
{
    public static Verdicts.Judgement Judge(CatalogueEntry claim, string? family, Exception? thrown, IReadOnlyDictionary<string, string> observed,
        string? leaked, PlatformFacts platform, ExpectationTable table, string? layer = null, IReadOnlyDictionary<string, string>? unobserved = null) => thrown switch
    {
        _ when leaked is not null => new(Verdict.Error, null, leaked),
        ClaimNotObservedException n => new(n.Verdict, null, n.Message),
        ApiAbsentException a => new(Verdict.Unsupported, null, a.Message),
        null => Verdicts.Judge(claim, observed, platform, table, family, layer, unobserved),
        _ => new(Verdict.Error, null, $"{thrown.GetType().Name}: {thrown.Message}"),
    };

    /// <summary>The results-file line of a judged run.</summary>
    public static ClaimResult Result(CatalogueEntry claim, string? family, string? layer, Verdicts.Judgement judgement, ClaimRecorder recorder, long durationMs) => new()
    {
        Id = claim.Id,
        Faq = claim.Faq,
        Family = family,
        Layer = layer,
        Verdict = judgement.Verdict,
        Observed = new Dictionary<string, string>(recorder.Observed),
        Native = recorder.Native.Count > 0 ? new Dictionary<string, string>(recorder.Native) : null,
        Unobserved = recorder.Unobserved.Count > 0 ? new Dictionary<string, string>(recorder.Unobserved) : null,
        Documented = judgement.Documented is { } d ? new Documented(d.Reason, d.Reference, d.Verified) : null,
        Note = judgement.Note,
        DurationMs = durationMs,
    };
}
