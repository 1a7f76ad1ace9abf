using System.Reflection;

namespace Conformance.Fixtures.Claims;

/// <summary>Which catalogue claims of a group lack a test in an assembly, and which tests name no claim.</summary>
public static class ClaimCoverage
{
    public static (IReadOnlyList<string> Untested, IReadOnlyList<string> Unknown, IReadOnlyList<string> Twice) Of(Assembly tests, string group)
    {
        var ids = tests.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<ClaimAttribute>()?.Id)
            .OfType<string>()
            .ToList();
        var catalogued = Catalogue.Default.Claims.Where(c => c.Group == group).Select(c => c.Id).ToList();
        return (catalogued.Except(ids).ToList(),
            ids.Where(id => !Catalogue.Default.Contains(id)).ToList(),
            ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList());
    }
}
