using Conformance.Fixtures.Results;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace Conformance.Fixtures.Claims;

/// <summary>A claim run as NUnit executes it: the scenario on its own thread, then the descriptor check, the verdict,
/// the results file and what NUnit reports. Shared by <see cref="ClaimAttribute"/> and
/// <see cref="InexpressibleInDotnetAttribute"/>.</summary>
internal sealed class ClaimCommand(TestCommand inner, CatalogueEntry claim, string? family, string? layer, TimeSpan limit) : DelegatingTestCommand(inner)
{
    private string Row => ClaimRows.Key(claim.Id, family, layer);

    public override TestResult Execute(TestExecutionContext context)
    {
        var descriptorsBefore = Descriptors.Open();
        var recorder = ClaimRecorder.Begin(claim, family, layer);
        var ending = ScenarioThread.Run(Row, limit, () =>
        {
            if (family == "ipv6")
            {
                Peers.Loopback6.Require(); // no IPv6 loopback: inconclusive, saying so, never silently absent
            }

            context.CurrentResult = innerCommand.Execute(context);
        });
        ClaimRecorder.End();

        var thrown = ending.Thrown is { } e ? Unwrap(e)
            : context.CurrentResult.ResultState.Status == TestStatus.Failed ? new InvalidOperationException(context.CurrentResult.Message)
            : null;
        var leaked = ending.Finished ? Descriptors.Leaked(descriptorsBefore) : null;
        var judgement = ClaimJudge.Judge(claim, family, thrown, recorder.Observed, leaked, ThisPlatform.Info.Facts, ExpectationTable.Default, layer, recorder.Unobserved);
        ResultsStore.Record(ClaimJudge.Result(claim, family, layer, judgement, recorder, ending.DurationMs));
        Report(context.CurrentResult, judgement, recorder);
        return context.CurrentResult;
    }

    /// <summary>NUnit rethrows what a test method threw inside its own exception; the claim wants the original.</summary>
    private static Exception Unwrap(Exception e)
    {
        while (e is NUnitException or System.Reflection.TargetInvocationException && e.InnerException is not null)
        {
            e = e.InnerException!;
        }

        return e;
    }

    private void Report(TestResult result, Verdicts.Judgement outcome, ClaimRecorder recorder)
    {
        var observed = string.Join(", ", recorder.Observed.Select(o => $"{o.Key} = {o.Value}"));
        var summary = $"{Row} (FAQ {claim.Faq}) {outcome.Verdict.ToString().ToLowerInvariant()}: {observed}";
        switch (outcome.Verdict)
        {
            case Verdict.Holds:
                result.SetResult(ResultState.Success, summary);
                break;
            case Verdict.Differs when outcome.Documented is { } doc:
                result.SetResult(ResultState.Success, $"{summary}. Documented: {doc.Reason} ({doc.Reference})");
                break;
            case Verdict.Differs:
                result.SetResult(ResultState.Failure,
                    $"{summary}. {outcome.Note}. Either the scenario is wrong, or this platform parts from the FAQ: "
                    + "then add an entry with its reference to tests/Fixtures/Expectations/<os>.json (or dotnet-unix.json for what the .NET runtime does on every Unix).");
                break;
            case Verdict.Unsupported:
                result.SetResult(ResultState.Skipped, $"{Row} unsupported: {outcome.Note}");
                break;
            case Verdict.Inconclusive:
                result.SetResult(ResultState.Inconclusive, $"{Row} inconclusive: {outcome.Note}");
                break;
            default:
                result.SetResult(ResultState.Error, $"{Row} error: {outcome.Note}");
                break;
        }
    }
}
