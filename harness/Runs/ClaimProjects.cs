using System.Xml.Linq;

namespace Conformance.Harness.Runs;

/// <summary>The claim projects as tests/ClaimProjects.props declares them: the one list the payloads for
/// containers, kernel guests and Wine are published from.</summary>
public static class ClaimProjects
{
    public const string File = "tests/ClaimProjects.props";

    /// <summary>Each claim project: its path from the repository root and its assembly name (the file name).</summary>
    public static IReadOnlyList<(string Path, string Assembly)> In(string root)
    {
        var props = System.IO.Path.Combine(root, File);
        var projects = XDocument.Load(props).Descendants("ClaimProject")
            .Select(item => item.Attribute("Include")?.Value ?? throw new BadInputException($"{props}: a ClaimProject without Include"))
            .Select(include => ($"tests/{include}", System.IO.Path.GetFileNameWithoutExtension(include)))
            .ToList();
        return projects.Count > 0 ? projects : throw new BadInputException($"{props} declares no ClaimProject");
    }
}
