using Conformance.Harness.Readme;
using Conformance.Harness.Tests.Commands;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>README.md's generated parts (what the matrix found, what each .NET layer shows differently on the host, the
/// predicted differences) are made from ci/baselines and the expectation tables, never written by hand: each must be
/// what `conformance readme` would write now.</summary>
public sealed class ReadmeGeneratedTests
{
    private static string Root => RepositoryRoot.Find()!;

    private static IReadOnlyList<(string Name, Func<string> Make)> All => ReadmeBlocks.All(Path.Combine(Root, "ci", "baselines"));

    private static IEnumerable<string> Blocks => All.Select(b => b.Name);

    [TestCaseSource(nameof(Blocks))]
    public void TheReadmesGeneratedPartIsWhatTheCommandMakesFromTheBaselines(string name)
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var documented = ReadmeBlocks.Read(readme, name);
        Assert.That(documented, Is.Not.Null, $"README.md has a block between {ReadmeBlocks.Start(name)} and {ReadmeBlocks.End}");
        var generated = All.Single(b => b.Name == name).Make().Trim();
        Assert.That(documented, Is.EqualTo(generated), $"README.md's block {name} is out of date: run `conformance readme`");
    }

    [Test]
    public void TheFindingsOpenTheReadmeAndNameTheClaimsWhereColumnsDisagree()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        Assert.That(readme.IndexOf(ReadmeBlocks.Start("findings"), StringComparison.Ordinal),
            Is.LessThan(readme.IndexOf("## What a verdict means", StringComparison.Ordinal)), "the findings come first, after the introduction");
        var findings = ReadmeBlocks.Read(readme, "findings")!;
        Assert.That(findings, Does.Contain("[`tcp.sigpipe`](artifacts/matrix/matrix.html#claim=tcp.sigpipe)")
            .And.Contain("`errno=EPIPE, sigpipe-raised=false (differs, documented)` on gVisor"));
    }

    [Test]
    public void TheCommandWritesTheBlocksAndChecksThem()
    {
        var (exit, output, _) = CommandLine.Run("readme", "--check");
        Assert.That((exit, output.Trim()), Is.EqualTo((0, "README.md: every generated part is current.")));
    }
}
