using System.Reflection;

namespace Conformance.Fixtures.Claims;

/// <summary>Which cells of one catalogue group lack a test in an assembly, which tests name no claim, and which cells
/// two bodies claim: a cell is a claim at a layer the catalogue says runs it (<c>id</c>, <c>id@dotnet</c>).</summary>
public static class ClaimCoverage
{
    public static (IReadOnlyList<string> Untested, IReadOnlyList<string> Unknown, IReadOnlyList<string> Twice) Of(Assembly tests, string group)
    {
        var attributes = tests.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<ClaimAttribute>())
            .OfType<ClaimAttribute>()
            .ToList();
        var unknown = attributes.Where(a => !Catalogue.Default.Contains(a.Id)).Select(a => a.Id).ToList();
        var tested = attributes.Where(a => Catalogue.Default.Contains(a.Id))
            .SelectMany(a => a.Layers.Select(layer => ClaimRows.Key(a.Id, null, layer)))
            .ToList();
        var expected = Catalogue.Default.Claims.Where(c => c.Group == group)
            .SelectMany(c => c.Layers.Where(c.RunsAt).Select(layer => ClaimRows.Key(c.Id, null, layer)))
            .ToList();
        return (expected.Except(tested).ToList(),
            unknown.Concat(tested.Except(expected)).ToList(),
            tested.GroupBy(key => key).Where(g => g.Count() > 1).Select(g => g.Key).ToList());
    }
}
