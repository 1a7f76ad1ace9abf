using System.Text.RegularExpressions;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;

namespace Conformance.Harness.Tests.Ci;

/// <summary>The GitHub workflow: installed as it is written, and every runner it names has an OS family the
/// expectation tables know (else its differences could never be documented).</summary>
public sealed partial class WorkflowTests
{
    private static string Root => RepositoryRoot.Find()!;

    private static string Source => File.ReadAllText(Path.Combine(Root, "ci", "workflows", "conformance.yml"));

    [Test]
    public void TheInstalledCopyIsTheSource() =>
        Assert.That(File.ReadAllText(Path.Combine(Root, ".github", "workflows", "conformance.yml")), Is.EqualTo(Source),
            "copy ci/workflows/conformance.yml to .github/workflows/conformance.yml");

    [Test]
    public void EveryRunnerHasAnExpectationStrategy()
    {
        var runners = Runners().ToList();
        Assert.That(runners, Is.Not.Empty);
        var families = ExpectationTable.Default.OsFamilies;
        Assert.That(runners.Where(r => !families.Contains(FamilyOf(r))), Is.Empty, "runners whose OS family has no expectation table");
    }

    [Test]
    public void TheNativeMatrixCoversLinuxMacOsAndWindows() =>
        Assert.That(Runners().Select(FamilyOf).Distinct(), Is.SupersetOf(new[] { "linux", "macos", "windows" }));

    /// <summary>The runner labels of the native job's matrix (os: [...]).</summary>
    private static IEnumerable<string> Runners() =>
        OsList().Match(Source).Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string FamilyOf(string runner) => runner.Split('-')[0] switch
    {
        "ubuntu" => "linux",
        "macos" => "macos",
        "windows" => "windows",
        var other => other,
    };

    [GeneratedRegex(@"^\s+os:\s*\[([^\]]+)\]", RegexOptions.Multiline)]
    private static partial Regex OsList();
}
