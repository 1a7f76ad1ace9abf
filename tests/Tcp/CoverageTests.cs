using Conformance.Fixtures.Claims;

namespace Conformance.Tcp;

/// <summary>Every tcp.* claim of the catalogue has exactly one test here, and no test names a claim the
/// catalogue does not have.</summary>
public sealed class CoverageTests
{
    [Test]
    public void EveryTcpClaimHasExactlyOneTest()
    {
        var (untested, unknown, twice) = ClaimCoverage.Of(typeof(CoverageTests).Assembly, "tcp");
        Assert.Multiple(() =>
        {
            Assert.That(untested, Is.Empty, "catalogue claims without a test");
            Assert.That(unknown, Is.Empty, "tests naming no catalogue claim");
            Assert.That(twice, Is.Empty, "claims with two tests");
        });
    }
}
