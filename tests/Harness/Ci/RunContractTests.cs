using System.Text.RegularExpressions;

namespace Conformance.Harness.Tests.Ci;

/// <summary>The runner and the test processes meet only through <see cref="RunContract"/>: every environment variable,
/// results marker and payload file name is spelled in one source file, so neither side can rename it alone.</summary>
public sealed partial class RunContractTests
{
    private static string Root => RepositoryRoot.Find()!;

    [Test]
    public void EveryNameOfTheContractIsSpelledInOneSourceFile()
    {
        var sources = new[] { "model", "harness", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith("RunContractTests.cs", StringComparison.Ordinal));
        Assert.That(SpelledInSeveral(sources), Is.Empty, "spell it once, in model/Results/RunContract.cs, and refer to the constant");
    }

    /// <summary>The shell side (.ci/run and the ci/ scripts) cannot read a C# constant, so it has one spelling of
    /// its own per name: ci/env.sh for what several scripts read, the one script that reads it otherwise.</summary>
    [Test]
    public void EveryNameIsSpelledInOneShellScript()
    {
        var scripts = Directory.EnumerateFiles(Path.Combine(Root, "ci"), "*.sh").Append(Path.Combine(Root, ".ci", "run"));
        Assert.That(SpelledInSeveral(scripts), Is.Empty, "read it through ci/env.sh");
    }

    [Test]
    public void TheContractHoldsEveryName()
    {
        var contract = File.ReadAllText(Path.Combine(Root, "model", "Results", "RunContract.cs"));
        Assert.That(contract, Does.Contain(RunContract.PayloadResults).And.Contain(RunContract.ResultsBegin).And.Contain(RunContract.ResultsEnd));
        Assert.That(ContractName().Matches(contract).Select(m => m.Value).Distinct().Count(), Is.GreaterThanOrEqualTo(11));
    }

    /// <summary>"NAME: file, file" for each contract name that more than one of <paramref name="files"/> spells.</summary>
    private static IEnumerable<string> SpelledInSeveral(IEnumerable<string> files) => files
        .SelectMany(file => ContractName().Matches(File.ReadAllText(file)).Select(m => (Name: m.Value, File: Path.GetRelativePath(Root, file))))
        .Distinct()
        .GroupBy(s => s.Name)
        .Where(g => g.Count() > 1)
        .Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => s.File))}");

    [GeneratedRegex(@"CONFORMANCE_[A-Z_]+|===CONFORMANCE-RESULTS-[A-Z]+===|latest\.json")]
    private static partial Regex ContractName();
}
