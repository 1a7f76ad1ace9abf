using System.Text.Json;
using Conformance.Harness.Tests.Commands;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>macOS, FreeBSD and Windows show in the matrix before any of them has run, as predictions marked as such in
/// every format; a native results file of one of them takes its prediction's place, and the matrix says which rows the
/// prediction got right.</summary>
public sealed class PredictedColumnsTests
{
    private static string Root => RepositoryRoot.Find()!;

    private string _out = "";

    [SetUp]
    public void Prepare() => _out = Directory.CreateTempSubdirectory("conformance-predicted-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_out, recursive: true);

    [Test]
    public void TheApprovedBaselinesShowPredictedMacosFreebsdAndWindowsColumnsMarkedInEveryFormat()
    {
        var (exit, output, error) = CommandLine.Run("matrix", "--in", Path.Combine(Root, "ci", "baselines"), "--out", _out);
        Assert.That((exit, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.Contain("Predicted, not run: FreeBSD 14 (predicted), macOS (predicted), Windows (predicted)"));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "matrix.json")));
        var platforms = json.RootElement.GetProperty("platforms");
        foreach (var id in new[] { "macos-predicted", "freebsd-predicted", "windows-predicted", "macos-predicted@dotnet" })
        {
            Assert.That(platforms.GetProperty(id).GetProperty("predicted").GetBoolean(), Is.True, id);
        }

        Assert.That(platforms.GetProperty("linux-debian-12-x64").TryGetProperty("predicted", out _), Is.False, "an observed column is not marked");
        var v6only = json.RootElement.GetProperty("claims").GetProperty("opt").GetProperty("v6only-default").GetProperty("__compat").GetProperty("support");
        var freebsd = v6only.GetProperty("freebsd-predicted");
        Assert.That((freebsd.GetProperty("predicted").GetBoolean(), freebsd.GetProperty("verdict").GetString(), freebsd.GetProperty("verified").GetBoolean()),
            Is.EqualTo((true, "differs", false)), "FreeBSD's table predicts IPV6_V6ONLY on by default, unverified");

        var markdown = File.ReadAllText(Path.Combine(_out, "matrix.md"));
        Assert.That(markdown, Does.Contain("| macOS (predicted) |").And.Contain("🔮 predicted: no run"));
        Assert.That(markdown.Split('\n').First(l => l.StartsWith("| `opt.v6only-default` |", StringComparison.Ordinal)), Does.Contain("🔮🔶 `tcp=1`"));

        var html = File.ReadAllText(Path.Combine(_out, "matrix.html"));
        Assert.That(html, Does.Contain("<th data-platform=\"windows-predicted\" data-layer=\"raw\" data-base=\"windows-predicted\" data-label=\"Windows (predicted)\" class=\"predicted\""));
        Assert.That(html, Does.Contain("<td class=\"cell documented predicted\"><details><summary title=\"predicted: differs, documented\">"));
    }

    [Test]
    public void ANativeMacosRunReplacesItsPredictionAndIsCheckedAgainstIt()
    {
        var inputs = Path.Combine(_out, "in");
        Directory.CreateDirectory(inputs);
        File.Copy(Path.Combine(Root, "ci", "baselines", "host.json"), Path.Combine(inputs, "host.json"));
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "FirstRuns", "macos.json"), Path.Combine(inputs, "macos.json"));

        var (exit, output, error) = CommandLine.Run("matrix", "--in", inputs, "--out", _out);

        Assert.That((exit, error), Is.EqualTo((0, "")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "matrix.json")));
        var platforms = json.RootElement.GetProperty("platforms").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(platforms, Does.Contain("macos-15-arm64").And.Not.Contain("macos-predicted").And.Contain("windows-predicted"));
        var check = json.RootElement.GetProperty("predictionsChecked").GetProperty("macos-15-arm64");
        Assert.That(check.GetProperty("refuted").GetArrayLength(), Is.Zero, "the fixture holds what the evidence predicts");
        Assert.That(check.GetProperty("confirmed").GetArrayLength(), Is.EqualTo(ResultsFile.Load(Path.Combine(inputs, "macos.json")).Claims.Count));
        Assert.That(output, Does.Contain("macos-15-arm64: 24 prediction(s) confirmed, 0 refuted."));
        Assert.That(File.ReadAllText(Path.Combine(_out, "matrix.md")), Does.Contain("## Predictions checked"));
        Assert.That(Directory.GetFiles(inputs), Has.Length.EqualTo(2), "a prediction is never written as a results file");
    }
}
