using System.Text.RegularExpressions;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Tests.Ci;

/// <summary>The layout the README describes, kept: the claim projects declared once, and the command line's verbs
/// at the edge (nothing below Commands/ reaches back up into it).</summary>
public sealed partial class LayoutTests
{
    private static string Root => RepositoryRoot.Find()!;

    [Test]
    public void TheDeclaredClaimProjectsAreTheProjectsWithClaims()
    {
        var withClaims = Directory.GetFiles(Path.Combine(Root, "tests"), "*.csproj", SearchOption.AllDirectories)
            .Where(project => Directory.GetFiles(Path.GetDirectoryName(project)!, "*.cs", SearchOption.AllDirectories)
                .Any(file => !IsBuildOutput(file) && ClaimUse().IsMatch(File.ReadAllText(file))))
            .Select(project => Path.GetRelativePath(Root, project).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.That(ClaimProjects.In(Root).Select(p => p.Path).Order(StringComparer.Ordinal), Is.EqualTo(withClaims),
            $"{ClaimProjects.File} lists every project with [Claim] tests, and only those");
    }

    [Test]
    public void OnlyTheCommandLineKnowsTheVerbs()
    {
        var harness = Path.Combine(Root, "harness");
        var reaching = Directory.GetFiles(harness, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file))
            .Where(file => Path.GetRelativePath(harness, file).Split(Path.DirectorySeparatorChar)[0] is not ("Commands" or "Cli"))
            .Where(file => VerbUse().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(Root, file));
        Assert.That(reaching, Is.Empty, "domain code (Runs, Columns, Distros, Kernels, Gate, Matrix) must not call a verb");
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    [GeneratedRegex(@"\[Claim\(""")]
    private static partial Regex ClaimUse();

    [GeneratedRegex(@"Harness\.Commands|\b\w+Command\.\w+\(")]
    private static partial Regex VerbUse();
}
