using Conformance.Harness.Cli;
using Conformance.Harness.Commands;

namespace Conformance.Harness;

public static class Program
{
    private const string Usage = """
        conformance: the Unix Socket FAQ as executable claims, and the compatibility matrix they make.

        Commands:
          run      run every claim on this machine and write its results file
                   conformance run [--out DIR] [--slow] [--filter EXPR] [--no-build]

        `conformance COMMAND --help` tells more about one command.
        Exit codes: 0 all claims held or differed as documented; 1 a claim failed; 2 bad input.
        """;

    public static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                [] or ["--help" or "-h" or "help"] => Help(),
                ["run", .. var rest] => RunCommand.Execute(rest),
                _ => throw new CliException($"unknown command '{args[0]}'; the commands are: run (see `conformance --help`)"),
            };
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"conformance: {e.Message}");
            return 2;
        }
    }

    private static int Help()
    {
        Console.WriteLine(Usage);
        return 0;
    }
}
