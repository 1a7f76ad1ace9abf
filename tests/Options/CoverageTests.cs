using Conformance.Fixtures.Claims;

namespace Conformance.Options;

/// <summary>Every opt.* claim of the catalogue has exactly one test here at each layer that runs it.</summary>
public sealed class CoverageTests() : CatalogueCoverageTests("opt");

/// <summary>The opt.* claims an API cannot express, each `unsupported` at that API's layers with the reason.</summary>
public sealed class CannotAskTests : InexpressibleTests
{
    [Inexpressible("opt")]
    public void ThisLayersApiCannotAskTheClaim() => CannotAsk();
}
