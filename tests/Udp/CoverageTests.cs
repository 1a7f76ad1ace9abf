using Conformance.Fixtures.Claims;

namespace Conformance.Udp;

/// <summary>Every udp.* claim of the catalogue has exactly one test here at each layer that runs it.</summary>
public sealed class CoverageTests() : CatalogueCoverageTests("udp");

/// <summary>The udp.* claims an API cannot express, each `unsupported` at that API's layers with the reason.</summary>
public sealed class CannotAskTests : InexpressibleTests
{
    [Inexpressible("udp")]
    public void ThisLayersApiCannotAskTheClaim() => CannotAsk();
}
