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

        Compares two platforms claim by claim: what changes if a lane moves from FROM to TO (a new base image,
        runner or kernel). FROM and TO are results files, or platform ids (column ids) of a matrix.json
        (--matrix, default artifacts/matrix/matrix.json). Prints the platform change first (OS version,
        kernel, distro, libc, runtime), then the change table; --summary also writes both as markdown.
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
        var label = $"{from.Platform.Id} -> {to.Platform.Id}";
        var platform = PlatformChanges.Between(from.Platform, to.Platform);
        var changes = Comparison.Between(from, to, label, Catalogue.Default);
        var moving = platform.Count == 0 ? "The platform is the same." : $"Platform: {string.Join(", ", platform)}";
        Console.WriteLine(moving);
        Console.WriteLine(changes.Count == 0
            ? $"{from.Platform.Id} and {to.Platform.Id} agree on every claim."
            : $"{changes.Count} claim(s) differ between {from.Platform.Id} and {to.Platform.Id}:");
        if (changes.Count > 0)
        {
            Console.WriteLine(ChangeTable.Text(changes, "platform"));
        }

        if (cli.Option("--summary") is { } summary)
        {
            AtomicFile.Write(summary, $"## {label}\n\n{moving}\n\n" + (changes.Count == 0 ? "No difference.\n" : ChangeTable.Markdown(changes, "platform")));
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
