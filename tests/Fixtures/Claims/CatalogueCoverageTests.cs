using NUnit.Framework;

namespace Conformance.Fixtures.Claims;

/// <summary>Every claim of one catalogue group has exactly one test in the assembly that derives from this,
/// and no test there names a claim the catalogue does not have.</summary>
public abstract class CatalogueCoverageTests(string group)
{
    [Test]
    public void EveryClaimOfTheGroupHasExactlyOneTest()
    {
        var (untested, unknown, twice) = ClaimCoverage.Of(GetType().Assembly, group);
        Assert.Multiple(() =>
        {
            Assert.That(untested, Is.Empty, $"{group}.* claims of the catalogue without a test");
            Assert.That(unknown, Is.Empty, "tests naming no catalogue claim");
            Assert.That(twice, Is.Empty, "claims with two tests");
        });
    }
}
