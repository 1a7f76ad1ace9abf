using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;
using NUnit.Framework.Internal.Commands;

namespace Conformance.Fixtures.Claims;

/// <summary>How a claim becomes an NUnit test: named by its key (<c>id</c>, <c>id/ipv6</c>, <c>id@dotnet</c>), with
/// the claim, family and layer in its properties, described and categorised, and wrapped in a
/// <see cref="ClaimCommand"/>.</summary>
internal static class ClaimTests
{
    private const string ClaimProperty = "Claim";
    private const string FamilyProperty = "Family";
    private const string LayerProperty = "Layer";

    public static TestMethod Build(NUnitTestCaseBuilder builder, IMethodInfo method, NUnit.Framework.Internal.Test? suite, CatalogueEntry claim, string? family, string? layer)
    {
        var test = builder.BuildTestMethod(method, suite, new TestCaseParameters { TestName = ClaimRows.Key(claim.Id, family, layer) });
        test.Properties.Set(ClaimProperty, claim.Id);
        test.Properties.Set(FamilyProperty, family ?? "");
        test.Properties.Set(LayerProperty, layer ?? "");
        Describe(test);
        return test;
    }

    public static void Describe(NUnit.Framework.Internal.Test test)
    {
        if (test.Properties.Get(ClaimProperty) is not string id)
        {
            return;
        }

        var claim = Catalogue.Default[id];
        var over = Text(test, FamilyProperty) is "ipv6" ? " (over IPv6)" : "";
        var through = Layers.Of(Text(test, LayerProperty)).Through;
        test.Properties.Set(PropertyNames.Description, $"FAQ {claim.Faq}: {claim.Title}{over}{through}");
        if (!test.Properties[PropertyNames.Category].Contains("Claim"))
        {
            test.Properties.Add(PropertyNames.Category, "Claim");
            test.Properties.Add(PropertyNames.Category, claim.Group);
        }
    }

    public static TestCommand Wrap(TestCommand command, TimeSpan limit) => new ClaimCommand(
        command, Catalogue.Default[(string)command.Test.Properties.Get(ClaimProperty)!], Text(command.Test, FamilyProperty), Text(command.Test, LayerProperty), limit);

    private static string? Text(ITest test, string property) => test.Properties.Get(property) is string { Length: > 0 } value ? value : null;
}

/// <summary>The cells of the layers whose API cannot express a claim (the catalogue's <c>inexpressible</c>): one test
/// per claim run at each such layer (<c>id@dotnet</c>), each reporting <c>unsupported</c> with the reason, so the
/// matrix tells a reader "you cannot even ask this" instead of leaving the cell blank. For one claim group.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class InexpressibleAttribute(string group) : NUnitAttribute, ITestBuilder, IImplyFixture, IWrapTestMethod
{
    private readonly NUnitTestCaseBuilder _builder = new();

    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, NUnit.Framework.Internal.Test? suite) =>
        from claim in Catalogue.Default.Claims
        where claim.Group == @group
        from layer in claim.Layers
        where claim.InexpressibleIn(layer) is not null
        from family in claim.Runs
        select ClaimTests.Build(_builder, method, suite, claim, family, layer);

    public TestCommand Wrap(TestCommand command) => ClaimTests.Wrap(command, TimeSpan.FromSeconds(30));
}
