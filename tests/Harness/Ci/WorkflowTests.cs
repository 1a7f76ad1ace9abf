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

    /// <summary>A first run on a platform exists to show what it does, so the action uploads a results file even
    /// when claims fail: the claims run in a step that cannot stop it, the upload runs always and before anything
    /// that may fail, and the action fails at the end if the claims or the gate did.</summary>
    [Test]
    public void TheActionUploadsItsResultsEvenWhenClaimsFail()
    {
        var steps = Steps(Action, "runs", "steps");
        var run = steps.FindIndex(s => Run(s).Contains("-- run ", StringComparison.Ordinal));
        var upload = steps.FindIndex(s => Uses(s).StartsWith("actions/upload-artifact", StringComparison.Ordinal));
        var gate = steps.FindIndex(s => Run(s).Contains("-- gate ", StringComparison.Ordinal));
        var verdict = steps.FindLastIndex(s => Run(s).Contains("exit 1", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(run, Is.GreaterThanOrEqualTo(0), "a step runs `conformance run`");
            Assert.That(Field(steps[run], "continue-on-error"), Is.EqualTo("true"), "a failing claim must not skip the upload");
            Assert.That(upload, Is.GreaterThan(run), "the upload comes after the claims ran");
            Assert.That(Field(steps[upload], "if"), Is.EqualTo("always()"));
            Assert.That(gate, Is.GreaterThan(upload));
            Assert.That(Field(steps[gate], "continue-on-error"), Is.EqualTo("true"));
            Assert.That(Run(steps[gate]), Does.Not.Contain("--allow-new \""), "new lanes fail unless the caller allows them");
            Assert.That(verdict, Is.GreaterThan(gate), "the action fails only after the upload and the gate");
            Assert.That(Field(steps[verdict], "if"), Does.Contain("steps.claims.outcome").And.Contain("steps.gate.outcome"));
        });
    }

    [Test]
    public void TheNativeJobIsTheActionInEachRunnersLaneAndFailsAfterIt()
    {
        var steps = Steps(Source, "jobs", "native", "steps");
        var action = steps.FindIndex(s => Uses(s) == "./");
        var verdict = steps.FindIndex(s => Field(s, "if").Contains("steps.conformance.outcome", StringComparison.Ordinal));
        Assert.That(action, Is.GreaterThanOrEqualTo(0), "the native job uses the repository's action");
        Assert.That(Field(steps[action], "id"), Is.EqualTo("conformance"));
        Assert.That(Field(steps[action], "continue-on-error"), Is.EqualTo("true"), "the suite's own tests still run");
        Assert.That(((YamlMappingNode)steps[action]["with"])["lane"].ToString(), Is.EqualTo("${{ matrix.os }}"));
        Assert.That(verdict, Is.GreaterThan(action));
    }

    [Test]
    public void NothingInTheWorkflowLetsANewLanePass() =>
        Assert.That(Source, Does.Not.Contain("--allow-new"), "a new lane's first run fails, with its proposed baseline attached");

    [Test]
    public void TheMatrixJobNamesEveryRunnerThatProducedNothing()
    {
        var check = Steps(Source, "jobs", "matrix", "steps").Single(s => Field(s, "name").StartsWith("runners that produced no results", StringComparison.Ordinal));
        var listed = RunnerLoop().Match(Run(check)).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(listed, Is.EqualTo(Runners().ToArray()), "the matrix job's runner list is the native job's matrix");
        Assert.That(Field(check, "if"), Is.EqualTo("always()"));
    }

    /// <summary>The page is published from the default branch only, after the matrix job, and the job summary links it.</summary>
    [Test]
    public void ThePageIsDeployedToGitHubPagesFromTheDefaultBranch()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Source));
        var job = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"])["pages"];
        Assert.That(job["needs"].ToString(), Is.EqualTo("matrix"));
        Assert.That(job["if"].ToString(), Does.Contain("github.event.repository.default_branch").And.Contain("pull_request"));
        Assert.That(job["if"].ToString(), Does.Contain("always()").And.Contain("'schedule'"),
            "published after a failed gate too, and on the weekly run, whose event has no repository to name the default branch");
        Assert.That(((YamlMappingNode)job["permissions"])["pages"].ToString(), Is.EqualTo("write"));
        var steps = Steps(Source, "jobs", "pages", "steps");
        Assert.That(steps.Select(s => Field(s, "uses")), Has.Some.StartsWith("actions/deploy-pages@").And.Some.StartsWith("actions/upload-pages-artifact@"));
        Assert.That(steps.Select(s => Field(s, "run")), Has.Some.Contains("GITHUB_STEP_SUMMARY").And.Some.Contains("site/index.html"));
    }

    /// <summary>A lane names one column: a native runner's lane and a registry container's lane never share a name
    /// (the gate refuses two results files of one lane).</summary>
    [Test]
    public void NoLaneIsNamedTwice()
    {
        var containers = Conformance.Harness.Distros.DistroConfig.Load(Path.Combine(Root, "ci", "distros-registry.json")).Select(d => d.Name);
        Assert.That(Runners().Intersect(containers), Is.Empty);
    }

    /// <summary>Inputs and contexts reach a script through env:, never pasted into its text (where a value with a
    /// quote or a $ would become code).</summary>
    [Test]
    public void NoScriptHasAnExpressionPastedIntoIt()
    {
        var scripts = Steps(Action, "runs", "steps").Select(Run)
            .Concat(new[] { "native", "distros", "matrix", "pages" }.SelectMany(job => Steps(Source, "jobs", job, "steps")).Select(Run));
        Assert.That(scripts.Where(s => s.Contains("${{", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>The matrix job's gate runs after a failed step before it, and its summary step copes without gate.md.</summary>
    [Test]
    public void TheWorkflowsGateRunsAfterAFailure()
    {
        var gate = Steps(Source, "jobs", "matrix", "steps").Single(s => Field(s, "name") == "conformance gate");
        Assert.That(Field(gate, "if"), Is.EqualTo("always()"));
    }

    private static string Action => File.ReadAllText(Path.Combine(Root, "action.yml"));

    /// <summary>The steps at <paramref name="path"/> of a workflow or action file.</summary>
    private static List<YamlMappingNode> Steps(string yamlText, params string[] path)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(yamlText));
        YamlNode node = yaml.Documents[0].RootNode;
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node)[key];
        }

        return [.. ((YamlSequenceNode)node).Children.Cast<YamlMappingNode>()];
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
