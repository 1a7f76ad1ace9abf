using System.Text.Json;
using Conformance.Harness.Tests.Commands;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>Columns are grouped by the axis their runner declared, never by a guess from a platform id: the approved
/// baselines rendered as `conformance matrix --in ci/baselines` does put gVisor on an axis of its own, whose legend
/// says it answers socket calls with its own network stack, in all three formats.</summary>
public sealed class AxesTests
{
    private static string Root => RepositoryRoot.Find()!;

    [Test]
    public void EveryBaselineDeclaresItsColumn()
    {
        var undeclared = Directory.GetFiles(Path.Combine(Root, "ci", "baselines"), "*.json")
            .Where(f => ResultsFile.Load(f).Column is null).Select(Path.GetFileName);
        Assert.That(undeclared, Is.Empty, "a baseline without a column block would show as a native column named by its id");
    }

    [Test]
    public void GvisorIsOnTheSandboxAxisInEveryFormat()
    {
        var outDir = Directory.CreateTempSubdirectory("conformance-axes-").FullName;
        try
        {
            var (exit, _, error) = CommandLine.Run("matrix", "--in", Path.Combine(Root, "ci", "baselines"), "--out", outDir);
            Assert.That((exit, error), Is.EqualTo((0, "")));
            var gvisor = ResultsFile.Load(Path.Combine(Root, "ci", "baselines", "gvisor.json")).Platform.Id;
            var legend = ColumnKinds.Meaning("sandbox runtimes");
            Assert.That(legend, Does.Contain("its own network stack"));

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "matrix.json")));
            var column = json.RootElement.GetProperty("platforms").GetProperty(gvisor);
            Assert.That(column.GetProperty("axis").GetString(), Is.EqualTo("sandbox runtimes"));
            Assert.That(column.GetProperty("name").GetString(), Does.StartWith("gVisor "));
            var axes = json.RootElement.GetProperty("platforms").EnumerateObject().Select(p => p.Value.GetProperty("axis").GetString()).Distinct();
            Assert.That(axes, Is.EquivalentTo(ColumnKinds.Axes.Select(a => a.Name)), "every axis has an approved lane or a prediction");

            var markdown = File.ReadAllText(Path.Combine(outDir, "matrix.md"));
            Assert.That(markdown, Does.Contain($"| sandbox runtimes | `{gvisor}` |"));
            Assert.That(markdown, Does.Contain($"**sandbox runtimes**: {legend}"));

            var html = File.ReadAllText(Path.Combine(outDir, "matrix.html"));
            Assert.That(html, Does.Contain($"data-axis=\"sandbox runtimes\" title=\"{System.Net.WebUtility.HtmlEncode(legend)}\""));
            Assert.That(html, Does.Not.Contain("gvisor 0.0 ctr"), "the header comes from the declared label");
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
