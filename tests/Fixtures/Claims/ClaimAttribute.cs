using NUnit.Framework;
using Conformance.Fixtures.Results;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;
using NUnit.Framework.Internal.Commands;

namespace Conformance.Fixtures.Claims;

/// <summary>Marks a test as the check of one catalogue claim, and wires it to the parts that do the work: one test
/// per run of the claim (<c>id</c>, <c>id/ipv6</c>), the recorder (<see cref="ClaimRecorder"/>), its own thread
/// and time limit (<see cref="ScenarioThread"/>), the descriptor check (<see cref="Descriptors"/>), the verdict
/// (<see cref="ClaimJudge"/>), the results file (<see cref="ResultsStore"/>), and what NUnit reports.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ClaimAttribute(string id) : NUnitAttribute, ITestBuilder, IApplyToTest, IImplyFixture, IWrapTestMethod
{
    private readonly NUnitTestCaseBuilder _builder = new();

    public string Id { get; } = id;

    /// <summary>How long the scenario may take before it is an <c>error</c>; long only for the Slow claims.</summary>
    public int LimitSeconds { get; init; } = 30;

    /// <summary>One test per run of the claim: <c>tcp.oob</c>, and <c>tcp.oob/ipv6</c> for a claim that runs over
    /// both families (the catalogue's <see cref="CatalogueEntry.Families"/>), each from the same method.</summary>
    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, NUnit.Framework.Internal.Test? suite)
    {
        foreach (var family in Catalogue.Default[Id].Runs)
        {
            var test = _builder.BuildTestMethod(method, suite, new TestCaseParameters { TestName = ClaimRows.Key(Id, family) });
            test.Properties.Set(FamilyProperty, family ?? "");
            yield return test;
        }
    }

    private const string FamilyProperty = "Family";

    public void ApplyToTest(NUnit.Framework.Internal.Test test)
    {
        var claim = Catalogue.Default[Id];
        var over = test.Properties.Get(FamilyProperty) is "ipv6" ? " (over IPv6)" : "";
        test.Properties.Set(PropertyNames.Description, $"FAQ {claim.Faq}: {claim.Title}{over}");
        test.Properties.Add(PropertyNames.Category, "Claim");
        test.Properties.Add(PropertyNames.Category, claim.Group);
    }

    public TestCommand Wrap(TestCommand command) =>
        new ClaimCommand(command, Catalogue.Default[Id], command.Test.Properties.Get(FamilyProperty) is string { Length: > 0 } family ? family : null,
            TimeSpan.FromSeconds(LimitSeconds));

    private sealed class ClaimCommand(TestCommand inner, CatalogueEntry claim, string? family, TimeSpan limit) : DelegatingTestCommand(inner)
    {
        private string Row => ClaimRows.Key(claim.Id, family);

        public override TestResult Execute(TestExecutionContext context)
        {
            var descriptorsBefore = Descriptors.Open();
            var recorder = ClaimRecorder.Begin(claim, family);
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
            var judgement = ClaimJudge.Judge(claim, family, thrown, recorder.Observed, leaked, ThisPlatform.Info.Facts, ExpectationTable.Default);
            ResultsStore.Record(ClaimJudge.Result(claim, family, judgement, recorder, ending.DurationMs));
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
                        + "then add an entry with its reference to tests/Fixtures/Expectations/<os>.json.");
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
}
