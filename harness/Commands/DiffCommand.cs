using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;
using Conformance.Harness.Cli;
using Conformance.Harness.Gate;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance diff FROM TO</c>: what changes when moving from one platform to another.</summary>
public static class DiffCommand
{
    private const string Help = """
        conformance diff FROM TO [--matrix FILE] [--summary FILE]

        Compares two platforms claim by claim: the question to ask before moving from one base image, runner
        or kernel to another. FROM and TO are results files, or platform ids (column ids) of a matrix.json
        (--matrix, default artifacts/matrix/matrix.json). Prints the change table; --summary also writes it
        as markdown.
        Exit code 0 when they agree on every claim, 1 when they differ, 2 on bad input.
        """;

    public static int Execute(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        var cli = new CliArgs("diff", args, new HashSet<string>(), new HashSet<string> { "--matrix", "--summary" });
        if (cli.Positional.Count != 2)
        {
            throw new CliException("diff needs two platforms: conformance diff FROM TO (results files or matrix column ids)");
        }

        var matrix = cli.Option("--matrix") ?? Path.Combine(RunCommand.Root(), "artifacts", "matrix", "matrix.json");
        var from = Resolve(cli.Positional[0], matrix);
        var to = Resolve(cli.Positional[1], matrix);
        var changes = Comparison.Between(from, to, $"{from.Platform.Id} -> {to.Platform.Id}", Catalogue.Default);
        Console.WriteLine(changes.Count == 0
            ? $"{from.Platform.Id} and {to.Platform.Id} agree on every claim."
            : $"{changes.Count} claim(s) differ between {from.Platform.Id} and {to.Platform.Id}:");
        if (changes.Count > 0)
        {
            Console.WriteLine(ChangeTable.Text(changes));
        }

        if (cli.Option("--summary") is { } summary)
        {
            AtomicFile.Write(summary, $"## {from.Platform.Id} -> {to.Platform.Id}\n\n" + (changes.Count == 0 ? "No difference.\n" : ChangeTable.Markdown(changes)));
        }

        return changes.Count == 0 ? 0 : 1;
    }

    private static ResultsFile Resolve(string platform, string matrix)
    {
        if (File.Exists(platform))
        {
            return ResultsSet.LoadOne(platform);
        }

        if (!File.Exists(matrix))
        {
            throw new CliException($"'{platform}' is neither a results file nor, without {matrix}, a matrix column; run `conformance matrix` or give a results file");
        }

        return MatrixColumns.Read(matrix, platform);
    }
}
