using Conformance.Harness.Readme;
using Conformance.Harness.Tests.Commands;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>README.md's generated parts (what the matrix found, what each .NET layer shows differently on the host, the
/// predicted differences) are made from ci/baselines and the expectation tables, never written by hand: each must be
/// what `conformance readme` would write now.</summary>
public sealed class ReadmeGeneratedTests
{
    private static string Root => RepositoryRoot.Find()!;

    private static IReadOnlyList<(string Name, string Document, Func<string> Make)> All => ReadmeBlocks.All(Path.Combine(Root, "ci", "baselines"));

    private static IEnumerable<string> Blocks => All.Select(b => b.Name);

    [TestCaseSource(nameof(Blocks))]
    public void TheReadmesGeneratedPartIsWhatTheCommandMakesFromTheBaselines(string name)
    {
        var block = All.Single(b => b.Name == name);
        var documented = ReadmeBlocks.Read(File.ReadAllText(Path.Combine(Root, block.Document)), name);
        Assert.That(documented, Is.Not.Null, $"{block.Document} has a block between {ReadmeBlocks.Start(name)} and {ReadmeBlocks.End}");
        Assert.That(documented, Is.EqualTo(block.Make().Trim()), $"{block.Document}'s block {name} is out of date: run `conformance readme`");
    }

    /// <summary>A newcomer reads it in two minutes: what it is, the two commands, what it found by cause, where to read on.</summary>
    [Test]
    public void TheReadmeIsShortAndOpensWithTheFindingsByCause() => Assert.Multiple(() =>
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        Assert.That(readme.Split('\n'), Has.Length.LessThan(300), "README.md is under 300 lines");
        Assert.That(readme.IndexOf(ReadmeBlocks.Start("findings"), StringComparison.Ordinal),
            Is.LessThan(readme.IndexOf("## What a verdict means", StringComparison.Ordinal)), "the findings come first, after the introduction");
        var findings = ReadmeBlocks.Read(readme, "findings")!.Split('\n');
        Assert.That(findings, Has.Length.LessThan(60), "the generated findings are under 60 lines");
        Assert.That(findings.Where(l => l.Length > 300), Is.Empty, "no line of the findings is longer than 300 characters");
        Assert.That(string.Join('\n', findings), Does.Contain("gVisor's netstack").And.Contain("`tcp.sigpipe`")
            .And.Contain("Wine's own departures").And.Contain("every Linux column"));
    });

    [Test]
    public void TheCommandWritesTheBlocksAndChecksThem()
    {
        var (exit, output, _) = CommandLine.Run("readme", "--check");
        Assert.That((exit, output.Trim()), Is.EqualTo((0, "README.md and docs/: every generated part is current.")));
    }
}
