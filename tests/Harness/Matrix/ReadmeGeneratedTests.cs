using Conformance.Harness.Matrix;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>README.md's sections for readers of each layer above the OS's calls (C# readers) are generated from the
/// host lane's approved results, not written by hand: this test regenerates each and requires the copy in the README
/// to be the same.</summary>
public sealed class ReadmeLayerTests
{
    private const string End = "<!-- end generated -->";

    private static IEnumerable<string> UpperLayers => Layers.All.Where(l => l != Layers.Raw).Select(l => l.Name);

    [TestCaseSource(nameof(UpperLayers))]
    public void TheReadmeShowsWhereTheLayerDiffersFromTheOsAsTheHostBaselineSays(string name)
    {
        var layer = Layers.Of(name);
        var start = $"<!-- generated: {layer.Name}-differences host -->";
        var root = RepositoryRoot.Find()!;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var from = readme.IndexOf(start, StringComparison.Ordinal);
        var to = from < 0 ? -1 : readme.IndexOf(End, from, StringComparison.Ordinal);
        Assert.That(from >= 0 && to > from, $"README.md has a block between {start} and {End}");
        var documented = readme[(from + start.Length)..to].Trim();
        var generated = LayerDifferences.Markdown(ResultsFile.Load(Path.Combine(root, "ci", "baselines", "host.json")), Catalogue.Default, layer).Trim();
        Assert.That(documented, Is.EqualTo(generated),
            $"README.md's section on {layer.Title} is out of date with ci/baselines/host.json; the block should read:\n{generated}\n");
    }
}

/// <summary>README.md's list of predicted differences for the platforms that cannot run here is generated from the
/// expectation tables: this test regenerates it and requires the copy in the README to be the same.</summary>
public sealed class ReadmePredictionsTests
{
    private const string Start = "<!-- generated: predicted-differences -->";
    private const string End = "<!-- end generated predictions -->";

    [Test]
    public void TheReadmeListsThePredictedDifferencesAsTheTablesHoldThem()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find()!, "README.md"));
        var from = readme.IndexOf(Start, StringComparison.Ordinal);
        var to = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.That(from >= 0 && to > from, $"README.md has a block between {Start} and {End}");
        var generated = PredictedDifferences.Markdown(ExpectationTable.Default, Catalogue.Default).Trim();
        Assert.That(readme[(from + Start.Length)..to].Trim(), Is.EqualTo(generated),
            $"README.md's predicted differences are out of date with tests/Fixtures/Expectations; the block should read:\n{generated}\n");
    }
}
