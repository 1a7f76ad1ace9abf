using NUnit.Framework;
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

    /// <summary>True for the scenario written with System.Net.Sockets: the claim's .NET layer (tests named
    /// <c>id@dotnet</c>), judged against the same expected values as the OS layer.</summary>
    public bool Dotnet { get; init; }

    private string? Layer => Dotnet ? ClaimRows.DotnetLayer : null;

    /// <summary>One test per run of the claim: <c>tcp.oob</c>, and <c>tcp.oob/ipv6</c> for a claim that runs over
    /// both families (the catalogue's <see cref="CatalogueEntry.Families"/>), each from the same method.</summary>
    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, NUnit.Framework.Internal.Test? suite)
    {
        foreach (var family in Catalogue.Default[Id].Runs)
        {
            yield return ClaimTests.Build(_builder, method, suite, Catalogue.Default[Id], family, Layer);
        }
    }

    public void ApplyToTest(NUnit.Framework.Internal.Test test) => ClaimTests.Describe(test);

    public TestCommand Wrap(TestCommand command) => ClaimTests.Wrap(command, TimeSpan.FromSeconds(LimitSeconds));
}
