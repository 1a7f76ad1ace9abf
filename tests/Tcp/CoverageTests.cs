using Conformance.Fixtures.Claims;

namespace Conformance.Tcp;

/// <summary>Every tcp.* claim of the catalogue has exactly one test here.</summary>
public sealed class CoverageTests() : CatalogueCoverageTests("tcp");
