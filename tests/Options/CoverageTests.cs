using Conformance.Fixtures.Claims;

namespace Conformance.Options;

/// <summary>Every opt.* claim of the catalogue has exactly one test here.</summary>
public sealed class CoverageTests() : CatalogueCoverageTests("opt");
