using System.Text.RegularExpressions;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;
using YamlDotNet.RepresentationModel;

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

    /// <summary>A first run on a platform exists to show what it does, so each native runner uploads a results file
    /// even when claims fail: the claims run in a step that cannot stop the job, the upload runs always and
    /// before anything that may fail, and the job fails at the end if the claims did.</summary>
    [Test]
    public void EveryNativeRunnerUploadsItsResultsEvenWhenClaimsFail()
    {
        var steps = Steps("native");
        var run = steps.FindIndex(s => Run(s).Contains("-- run "));
        var upload = steps.FindIndex(s => Uses(s).StartsWith("actions/upload-artifact", StringComparison.Ordinal));
        var verdict = steps.FindIndex(s => Field(s, "if").Contains("steps.claims.outcome", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(run, Is.GreaterThanOrEqualTo(0), "a step runs `conformance run`");
            Assert.That(Field(steps[run], "id"), Is.EqualTo("claims"));
            Assert.That(Field(steps[run], "continue-on-error"), Is.EqualTo("true"), "a failing claim must not skip the upload");
            Assert.That(upload, Is.GreaterThan(run), "the upload comes after the claims ran");
            Assert.That(Field(steps[upload], "if"), Is.EqualTo("always()"));
            Assert.That(steps.Take(upload).Where(s => Field(s, "continue-on-error") != "true" && Field(s, "if") != "always()").Select(Run)
                .Where(r => r.Contains("dotnet test", StringComparison.Ordinal)), Is.Empty, "no test step that may fail runs before the upload");
            Assert.That(verdict, Is.GreaterThan(upload), "the job fails for the claims only after the upload");
            Assert.That(Run(steps[verdict]), Does.Contain("exit 1"));
        });
    }

    [Test]
    public void TheMatrixJobNamesEveryRunnerThatProducedNothing()
    {
        var check = Steps("matrix").Single(s => Field(s, "name").StartsWith("runners that produced no results", StringComparison.Ordinal));
        var listed = RunnerLoop().Match(Run(check)).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(listed, Is.EqualTo(Runners().ToArray()), "the matrix job's runner list is the native job's matrix");
        Assert.That(Field(check, "if"), Is.EqualTo("always()"));
    }

    private static List<YamlMappingNode> Steps(string job)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Source));
        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"];
        return [.. ((YamlSequenceNode)((YamlMappingNode)jobs[job])["steps"]).Children.Cast<YamlMappingNode>()];
    }

    private static string Field(YamlMappingNode step, string key) =>
        step.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? "" : "";

    private static string Run(YamlMappingNode step) => Field(step, "run");

    private static string Uses(YamlMappingNode step) => Field(step, "uses");

    [GeneratedRegex(@"for runner in ([^;]+);")]
    private static partial Regex RunnerLoop();

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
