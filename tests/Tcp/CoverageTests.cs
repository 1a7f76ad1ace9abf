using Conformance.Fixtures.Claims;

namespace Conformance.Tcp;

/// <summary>Every tcp.* claim of the catalogue has exactly one test here at each layer that runs it.</summary>
public sealed class CoverageTests() : CatalogueCoverageTests("tcp");

/// <summary>The tcp.* claims an API cannot express, each `unsupported` at that API's layers with the reason.</summary>
public sealed class CannotAskTests : InexpressibleTests
{
    [Inexpressible("tcp")]
    public void ThisLayersApiCannotAskTheClaim() => CannotAsk();
}
