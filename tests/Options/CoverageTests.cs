using Conformance.Fixtures.Claims;

namespace Conformance.Options;

/// <summary>Every opt.* claim of the catalogue has exactly one test here.</summary>
public sealed class CoverageTests
{
    [Test]
    public void EveryOptionClaimHasExactlyOneTest()
    {
        var (untested, unknown, twice) = ClaimCoverage.Of(typeof(CoverageTests).Assembly, "opt");
        Assert.Multiple(() =>
        {
            Assert.That(untested, Is.Empty, "catalogue claims without a test");
            Assert.That(unknown, Is.Empty, "tests naming no catalogue claim");
            Assert.That(twice, Is.Empty, "claims with two tests");
        });
    }
}
