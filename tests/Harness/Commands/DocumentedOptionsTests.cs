using System.Text.RegularExpressions;

namespace Conformance.Harness.Tests.Commands;

/// <summary>The command line as the documents show it: docs/running.md's synopsis block is the one the definitions
/// make, and every option that README.md or a document of docs/ passes to a verb exists on that verb.</summary>
public sealed partial class DocumentedOptionsTests
{
    private static string Root => RepositoryRoot.Find()!;

    [Test]
    public void TheReadmeSynopsisIsTheCommandLine()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "docs", "running.md"));
        var block = SynopsisBlock().Match(readme);
        Assert.That(block.Success, "docs/running.md has a ## The command line section with a ```text block of synopsis lines");
        var documented = block.Groups["lines"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var defined = Harness.Cli.CommandLine.Synopsis().ToArray();
        Assert.That(documented, Is.EqualTo(defined),
            $"docs/running.md's synopsis differs from the definitions; the block should read:\n{string.Join('\n', defined)}\n");
    }

    [TestCase("README.md")]
    [TestCase("docs/ci.md")]
    [TestCase("docs/running.md")]
    [TestCase("docs/columns.md")]
    [TestCase("docs/gate.md")]
    [TestCase("docs/contributing.md")]
    [TestCase("docs/dotnet.md")]
    public void EveryOptionADocumentPassesExists(string document)
    {
        var verbs = Harness.Cli.CommandLine.Build().Subcommands.ToDictionary(c => c.Name, c => c.Options.Select(o => o.Name).ToHashSet());
        var text = File.ReadAllText(Path.Combine(Root, document));
        var unknown = Invocation().Matches(text)
            .SelectMany(m => OptionName().Matches(m.Groups["rest"].Value).Select(o => (Verb: m.Groups["verb"].Value, Option: o.Value)))
            .Where(u => !verbs[u.Verb].Contains(u.Option))
            .Select(u => $"conformance {u.Verb} {u.Option}")
            .Distinct();
        Assert.That(unknown, Is.Empty, $"{document} passes options the command line does not have");
    }

    public static IEnumerable<string> Verbs() => Harness.Cli.CommandLine.Build().Subcommands.Select(c => c.Name);

    /// <summary>Help is where a person goes when they do not know a verb's required options, so it must not demand them.</summary>
    [TestCaseSource(nameof(Verbs))]
    public void EveryVerbsHelpPrintsItsOptionsAndExitsZero(string verb)
    {
        var (exit, output, error) = CommandLine.Run(verb, "--help");
        Assert.That((exit, error), Is.EqualTo((0, "")), $"conformance {verb} --help");
        var options = Harness.Cli.CommandLine.Build().Subcommands.Single(c => c.Name == verb).Options.Select(o => o.Name);
        Assert.That(options, Has.All.Matches<string>(o => output.Contains(o, StringComparison.Ordinal)), "the help lists every option of the verb");
    }

    [GeneratedRegex(@"## The command line\n.*?```text\n(?<lines>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SynopsisBlock();

    /// <summary>A verb as a document invokes it: after `conformance` or `harness --`, up to a backtick, a comment or the line's end.</summary>
    [GeneratedRegex(@"(?:\bconformance|harness --) (?<verb>matrix|run|distros|kernels|wine|gate|approve|diff|judge)\b(?<rest>[^`#\n]*)")]
    private static partial Regex Invocation();

    [GeneratedRegex(@"(?<=\s)--[a-z][a-z-]*")]
    private static partial Regex OptionName();
}
