using NUnit.Framework;

namespace Conformance.Fixtures.Claims;

/// <summary>Every cell of one catalogue group (each claim at each layer that runs it) has exactly one test in the
/// assembly that derives from this, and no test there names a claim or a layer the catalogue does not have.</summary>
public abstract class CatalogueCoverageTests(string group)
{
    [Test]
    public void EveryClaimOfTheGroupHasExactlyOneTestPerLayer()
    {
        var (untested, unknown, twice) = ClaimCoverage.Of(GetType().Assembly, group);
        Assert.Multiple(() =>
        {
            Assert.That(untested, Is.Empty, $"{group}.* claims without a test at a layer the catalogue's \"layers\" names");
            Assert.That(unknown, Is.Empty, "tests naming no catalogue claim, or a layer its \"layers\" does not name");
            Assert.That(twice, Is.Empty, "claims with two tests at one layer");
        });
    }
}

/// <summary>The claims an API cannot express, each reported <c>unsupported</c> at that API's layers with the
/// catalogue's reason (what the API lacks).</summary>
public abstract class InexpressibleTests : ClaimTest
{
    protected static void CannotAsk() =>
        throw Unsupported(ClaimRecorder.Current.Claim.InexpressibleIn(ClaimRecorder.Current.Layer)!);
}
