using System.Reflection;

namespace Conformance.Fixtures.Claims;

/// <summary>Which catalogue claims lack a test in an assembly, and which tests name no claim: for one group at the OS
/// layer (the Tcp, Udp and Options projects), or for every claim with a .NET scenario (the Dotnet project).</summary>
public static class ClaimCoverage
{
    public static (IReadOnlyList<string> Untested, IReadOnlyList<string> Unknown, IReadOnlyList<string> Twice) Of(Assembly tests, string? group, bool dotnet = false)
    {
        var ids = tests.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<ClaimAttribute>())
            .Where(a => a is not null && a.Dotnet == dotnet)
            .Select(a => a!.Id)
            .ToList();
        var catalogued = Catalogue.Default.Claims.Where(c => (group is null || c.Group == group) && (!dotnet || c.Dotnet)).Select(c => c.Id).ToList();
        return (catalogued.Except(ids).ToList(),
            ids.Where(id => !Catalogue.Default.Contains(id) || (dotnet && !Catalogue.Default[id].Dotnet)).ToList(),
            ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList());
    }
}
