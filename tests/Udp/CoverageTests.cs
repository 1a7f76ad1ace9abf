using Conformance.Fixtures.Claims;

namespace Conformance.Udp;

/// <summary>Every udp.* claim of the catalogue has exactly one test here.</summary>
public sealed class CoverageTests() : CatalogueCoverageTests("udp");
