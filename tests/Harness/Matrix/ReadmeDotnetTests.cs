using Conformance.Harness.Matrix;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>README.md's section for C# readers is generated from the host lane's approved results, not written by
/// hand: this test regenerates it and requires the copy in the README to be the same.</summary>
public sealed class ReadmeDotnetTests
{
    private const string Start = "<!-- generated: dotnet-differences host -->";
    private const string End = "<!-- end generated -->";

    [Test]
    public void TheReadmeShowsWhereDotnetDiffersFromTheOsAsTheHostBaselineSays()
    {
        var root = RepositoryRoot.Find()!;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var from = readme.IndexOf(Start, StringComparison.Ordinal);
        var to = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.That(from >= 0 && to > from, $"README.md has a block between {Start} and {End}");
        var documented = readme[(from + Start.Length)..to].Trim();
        var generated = DotnetDifferences.Markdown(ResultsFile.Load(Path.Combine(root, "ci", "baselines", "host.json")), Catalogue.Default).Trim();
        Assert.That(documented, Is.EqualTo(generated),
            $"README.md's .NET section is out of date with ci/baselines/host.json; the block should read:\n{generated}\n");
    }
}
