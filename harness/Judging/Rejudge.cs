namespace Conformance.Harness.Judging;

/// <summary>Verdicts are a function of what was observed and of the catalogue and expectation tables: a results file
/// is judged again whenever those change, without running its platform again. Only cells the scenario observed
/// (holds, differs) are judged again; unsupported, inconclusive and error cells carry no observation to judge.</summary>
public static class Rejudge
{
    public static ResultsFile File(ResultsFile file, Catalogue catalogue, ExpectationTable table)
    {
        var facts = file.Platform.Facts;
        return file with { Claims = [.. file.Claims.Select(c => Claim(c, facts, catalogue, table))] };
    }

    /// <summary>With the embedded catalogue and tables: what the matrix, the gate and the column verbs read.</summary>
    public static ResultsFile File(ResultsFile file) => File(file, Catalogue.Default, ExpectationTable.Default);

    public static ClaimResult Claim(ClaimResult result, PlatformFacts platform, Catalogue catalogue, ExpectationTable table)
    {
        if (result.Verdict is not (Verdict.Holds or Verdict.Differs) || !catalogue.Order.ContainsKey(result.Row))
        {
            return result;
        }

        var judgement = Verdicts.Judge(catalogue[result.Id], result.Observed, platform, table, result.Family, result.Layer, result.Unobserved);
        return result with
        {
            Verdict = judgement.Verdict,
            Documented = judgement.Documented is { } d ? new Documented(d.Reason, d.Reference, d.Verified) : null,
            Note = judgement.Note,
        };
    }

    /// <summary>The cells that differ from the FAQ with nothing to explain them.</summary>
    public static IEnumerable<ClaimResult> Undocumented(ResultsFile file) =>
        file.Claims.Where(c => c.Verdict == Verdict.Differs && c.Documented is null);
}
