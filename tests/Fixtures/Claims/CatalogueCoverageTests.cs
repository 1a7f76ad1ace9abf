using NUnit.Framework;

namespace Conformance.Fixtures.Claims;

/// <summary>Every claim of one catalogue group has exactly one test in the assembly that derives from this,
/// and no test there names a claim the catalogue does not have.</summary>
public abstract class CatalogueCoverageTests(string? group, bool dotnet = false)
{
    [Test]
    public void EveryClaimOfTheGroupHasExactlyOneTest()
    {
        var (untested, unknown, twice) = ClaimCoverage.Of(GetType().Assembly, group, dotnet);
        Assert.Multiple(() =>
        {
            Assert.That(untested, Is.Empty, dotnet ? "claims marked \"dotnet\": true without a .NET scenario" : $"{group}.* claims of the catalogue without a test");
            Assert.That(unknown, Is.Empty, dotnet ? "[Claim(Dotnet = true)] tests of claims the catalogue does not mark \"dotnet\": true" : "tests naming no catalogue claim");
            Assert.That(twice, Is.Empty, "claims with two tests");
        });
    }
}
