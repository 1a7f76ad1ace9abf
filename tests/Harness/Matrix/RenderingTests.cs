using Conformance.Harness.Matrix;
using Snapshooter.NUnit;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>The rendered matrix, pinned: a change to any output shows up as a snapshot mismatch to review.</summary>
public sealed class RenderingTests
{
    [Test]
    public void Markdown() => Snapshot.Match(MarkdownRenderer.Render(MatrixFixtures.Matrix()));

    [Test]
    public void Html() => Snapshot.Match(HtmlRenderer.Render(MatrixFixtures.Matrix()));

    [Test]
    public void Json() => Snapshot.Match(MatrixJson.Render(MatrixFixtures.Matrix()));

    [Test]
    public void EveryCatalogueClaimIsARowOfTheMarkdown()
    {
        var markdown = MarkdownRenderer.Render(MatrixFixtures.Matrix());
        var missing = MatrixFixtures.Catalogue.Claims.Where(c => !markdown.Contains($"| `{c.Id}` |", StringComparison.Ordinal)).Select(c => c.Id);
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void UnverifiedExpectationsAreMarkedAsSuch() =>
        Assert.That(MarkdownRenderer.Render(MatrixFixtures.Matrix()), Does.Contain("unverified: from documentation, not yet seen in a run"));

    [Test]
    public void AMatrixColumnReadsBackAsItsResults()
    {
        var dir = Directory.CreateTempSubdirectory("conformance-matrix-").FullName;
        try
        {
            var path = Path.Combine(dir, "matrix.json");
            File.WriteAllText(path, MatrixJson.Render(MatrixFixtures.Matrix()));
            var column = MatrixColumns.Read(path, "linux-fixture-1-x64");
            var original = ResultsSet.LoadAsWritten(Path.Combine(MatrixFixtures.Folder, "linux-fixture-1-x64.json"));
            Assert.That(Gate.Comparison.Between(original, column, "x", MatrixFixtures.Catalogue), Is.Empty);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
