using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;
using NUnit.Framework.Internal.Commands;

namespace Conformance.Fixtures.Claims;

/// <summary>Marks a test as the check of one catalogue claim, and wires it to the parts that do the work: one test
/// per run of the claim (<c>id</c>, <c>id/ipv6</c>, <c>id@dotnet</c>: each family at each layer), the recorder (<see cref="ClaimRecorder"/>), its own thread
/// and time limit (<see cref="ScenarioThread"/>), the descriptor check (<see cref="Descriptors"/>), the verdict
/// (<see cref="ClaimJudge"/>), the results file (<see cref="ResultsStore"/>), and what NUnit reports.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ClaimAttribute(string id) : NUnitAttribute, ITestBuilder, IApplyToTest, IImplyFixture, IWrapTestMethod
{
    private readonly NUnitTestCaseBuilder _builder = new();

    public string Id { get; } = id;

    /// <summary>How long the scenario may take before it is an <c>error</c>; long only for the Slow claims.</summary>
    public int LimitSeconds { get; init; } = 30;

    /// <summary>The layers this body is written for (layer names, space-separated: "dotnet dotnet-async" for a body
    /// of the .NET API whose two layers differ only in sync and Task-based calls), where the layers' APIs really
    /// differ; unset for the claim's one body, which runs at every layer the catalogue says runs it.</summary>
    public string? Layer { get; init; }

    /// <summary>The layers this body runs at, as keys (null for the raw layer).</summary>
    public IEnumerable<string?> Layers => Catalogue.Default[Id].Layers
        .Where(l => Catalogue.Default[Id].RunsAt(l) && (Layer is null || Layer.Split(' ').Contains(Model.Layers.Of(l).Name)));

    /// <summary>One test per run of the claim: each family it runs over (the catalogue's
    /// <see cref="CatalogueEntry.Families"/>) at each layer (<see cref="CatalogueEntry.RunsIn"/>), all from the same
    /// method: <c>tcp.oob</c>, <c>tcp.oob/ipv6</c>, <c>tcp.oob@dotnet</c>, ...</summary>
    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, NUnit.Framework.Internal.Test? suite) =>
        from layer in Layers
        from family in Catalogue.Default[Id].Runs
        select ClaimTests.Build(_builder, method, suite, Catalogue.Default[Id], family, layer);

    public void ApplyToTest(NUnit.Framework.Internal.Test test) => ClaimTests.Describe(test);

    public TestCommand Wrap(TestCommand command) => ClaimTests.Wrap(command, TimeSpan.FromSeconds(LimitSeconds));
}
