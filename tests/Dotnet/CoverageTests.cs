using Conformance.Fixtures.Claims;

namespace Conformance.Dotnet;

/// <summary>Every claim the catalogue marks <c>"dotnet": true</c> has exactly one .NET-layer test here.</summary>
public sealed class CoverageTests() : CatalogueCoverageTests(group: null, dotnet: true);

/// <summary>The claims System.Net.Sockets cannot express, each reported <c>unsupported</c> at the .NET layer with
/// the catalogue's reason (which API it lacks).</summary>
public sealed class InexpressibleTests : ClaimTest
{
    [InexpressibleInDotnet]
    public void SystemNetSocketsCannotAskThis() => throw Unsupported(ClaimRecorder.Current.Claim.DotnetUnsupported!);
}
