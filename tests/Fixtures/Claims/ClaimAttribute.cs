using System.Diagnostics;
using NUnit.Framework;
using Conformance.Fixtures.Results;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;
using NUnit.Framework.Internal.Commands;

namespace Conformance.Fixtures.Claims;

/// <summary>Marks a test as the check of one catalogue claim: the test is named by the claim's id, runs with
/// a recorder for its observation and a time limit, and on the way out gets its verdict, its line in the
/// results file, and a check that it closed every descriptor it opened.</summary>
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
            var stopwatch = Stopwatch.StartNew();
            var recorder = ClaimRecorder.Begin(claim, family);
            Exception? thrown = null;

            // A dedicated thread per claim: per-thread state (signal masks) dies with it, and a scenario
            // stuck in a call becomes an error at the limit instead of a stuck run.
            var thread = new Thread(() =>
            {
                try
                {
                    if (family == "ipv6")
                    {
                        Peers.Loopback6.Require(); // no IPv6 loopback: inconclusive, saying so, never silently absent
                    }

                    context.CurrentResult = innerCommand.Execute(context);
                }
                catch (Exception e)
                {
                    thrown = Unwrap(e);
                }
            })
            { IsBackground = true, Name = Row };
            thread.Start();
            var finished = thread.Join(limit);
            stopwatch.Stop();
            ClaimRecorder.End();

            if (!finished)
            {
                thrown = new TimeoutException($"the scenario did not finish within {limit.TotalSeconds:0} s");
            }
            else if (thrown is null && context.CurrentResult.ResultState.Status == TestStatus.Failed)
            {
                thrown = new InvalidOperationException(context.CurrentResult.Message);
            }

            var leaked = finished ? Descriptors.Leaked(descriptorsBefore) : null;
            var outcome = Outcome(thrown, recorder, leaked);
            ResultsStore.Record(new ClaimResult
            {
                Id = claim.Id,
                Faq = claim.Faq,
                Family = family,
                Verdict = outcome.Verdict,
                Observed = new Dictionary<string, string>(recorder.Observed),
                Native = recorder.Native.Count > 0 ? new Dictionary<string, string>(recorder.Native) : null,
                Documented = outcome.Documented is { } d ? new Documented(d.Reason, d.Reference, d.Verified) : null,
                Note = outcome.Note,
                DurationMs = stopwatch.ElapsedMilliseconds,
            });
            Report(context.CurrentResult, outcome, recorder);
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

        private Verdicts.Judgement Outcome(Exception? thrown, ClaimRecorder recorder, string? leaked) => thrown switch
        {
            _ when leaked is not null => new(Verdict.Error, null, leaked),
            ClaimNotObservedException n => new(n.Verdict, null, n.Message),
            Native.ApiAbsentException a => new(Verdict.Unsupported, null, a.Message),
            null => Verdicts.Judge(claim, recorder.Observed, PlatformInfo.Current.Facts, ExpectationTable.Default, family),
            _ => new(Verdict.Error, null, $"{thrown.GetType().Name}: {thrown.Message}"),
        };

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
