using System.Xml.Linq;

namespace Conformance.Harness.Runs;

/// <summary>The claim projects as tests/ClaimProjects.props declares them: the one list the payloads for
/// containers, kernel guests and Wine are published from.</summary>
public static class ClaimProjects
{
    public const string File = "tests/ClaimProjects.props";

    /// <summary>Each claim project: its path from the repository root and its assembly name (the file name).</summary>
    public static IReadOnlyList<(string Path, string Assembly)> In(string root) => [.. Declared(root).Select(p => (p.Path, p.Assembly))];

    /// <summary>Each claim project with the rows it holds: a claim group's OS-layer rows, or a layer's.</summary>
    public static IReadOnlyList<ClaimProject> Declared(string root)
    {
        var props = System.IO.Path.Combine(root, File);
        var projects = XDocument.Load(props).Descendants("ClaimProject")
            .Select(item => (Include: item.Attribute("Include")?.Value ?? throw new BadInputException($"{props}: a ClaimProject without Include"), Item: item))
            .Select(p => new ClaimProject($"tests/{p.Include}", System.IO.Path.GetFileNameWithoutExtension(p.Include),
                p.Item.Attribute("Group")?.Value, p.Item.Attribute("Layer")?.Value))
            .ToList();
        return projects.Count > 0 ? projects : throw new BadInputException($"{props} declares no ClaimProject");
    }
}

/// <summary>A claim project and the rows its tests are: every OS-layer row of one claim group (<c>tcp</c>), or every
/// row of one layer (<c>dotnet</c>).</summary>
public sealed record ClaimProject(string Path, string Assembly, string? Group, string? Layer)
{
    public bool Holds(CatalogueEntry claim, string? layer) => Layer is not null ? layer == Layer : layer is null && claim.Group == Group;
}
