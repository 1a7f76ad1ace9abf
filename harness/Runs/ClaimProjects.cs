using System.Xml.Linq;

namespace Conformance.Harness.Runs;

/// <summary>The claim projects as tests/ClaimProjects.props declares them: the one list the payloads for
/// containers, kernel guests and Wine are published from.</summary>
public static class ClaimProjects
{
    public const string File = "tests/ClaimProjects.props";

    /// <summary>Each claim project: its path from the repository root and its assembly name (the file name).</summary>
    public static IReadOnlyList<(string Path, string Assembly)> In(string root) => [.. Declared(root).Select(p => (p.Path, p.Assembly))];

    /// <summary>Each claim project with the rows it holds: a claim group's, at every layer.</summary>
    public static IReadOnlyList<ClaimProject> Declared(string root)
    {
        var props = System.IO.Path.Combine(root, File);
        var projects = XDocument.Load(props).Descendants("ClaimProject")
            .Select(item => (Include: item.Attribute("Include")?.Value ?? throw new BadInputException($"{props}: a ClaimProject without Include"), Item: item))
            .Select(p => new ClaimProject($"tests/{p.Include}", System.IO.Path.GetFileNameWithoutExtension(p.Include),
                p.Item.Attribute("Group")?.Value ?? throw new BadInputException($"{props}: ClaimProject {p.Include} has no Group")))
            .ToList();
        return projects.Count > 0 ? projects : throw new BadInputException($"{props} declares no ClaimProject");
    }
}

/// <summary>A claim project and the rows its tests are: every row of one claim group (<c>tcp</c>), at every layer.</summary>
public sealed record ClaimProject(string Path, string Assembly, string Group)
{
    public bool Holds(CatalogueEntry claim) => claim.Group == Group;
}
