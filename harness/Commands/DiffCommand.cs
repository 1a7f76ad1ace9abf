using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Gate;
using Conformance.Harness.Runs;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance diff FROM TO</c>: what changes when moving from one platform to another.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var fromArgument = new Argument<string>("FROM") { Description = "a results file, or a column of the matrix: a platform id (every layer), or ID@raw, ID@dotnet, ID@dotnet-async (one layer)" };
        var toArgument = new Argument<string>("TO") { Description = "a results file, or a column of the matrix: a platform id (every layer), or ID@raw, ID@dotnet, ID@dotnet-async (one layer)" };
        var matrixOption = new Option<string?>("--matrix") { Description = "the matrix.json whose columns FROM and TO may name (default artifacts/matrix/matrix.json)", HelpName = "FILE" };
        var summaryOption = CommonOptions.Summary("also write the platform change and the change table as markdown");
        var command = new Command("diff", "compare two platforms (results files or matrix columns)")
        {
            fromArgument, toArgument, matrixOption, summaryOption,
        };
        command.Explained("""
            Compare two platforms claim by claim: what changes if a lane moves from FROM to TO (a new base image,
            runner or kernel). Prints the platform change first (OS version, kernel, distro, libc, runtime), then
            the change table.

            Exit code 0 when they agree on every claim, 1 when they differ, 2 on bad input.
            """);
        command.SetAction(parse =>
        {
            var matrix = parse.GetValue(matrixOption) ?? Repository.Artifacts("matrix", "matrix.json");
            return Run(Resolve(parse.GetValue(fromArgument)!, matrix), Resolve(parse.GetValue(toArgument)!, matrix), parse.GetValue(summaryOption));
        });
        return command;
    }

    private static int Run(ResultsFile from, ResultsFile to, string? summary)
    {
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

        if (summary is not null)
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
            throw new BadInputException($"'{platform}' is neither a results file nor, without {matrix}, a matrix column; run `conformance matrix` or give a results file");
        }

        return MatrixColumns.Read(matrix, platform);
    }
}
