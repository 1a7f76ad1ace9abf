using Conformance.Harness.Cli;
using Conformance.Harness.Commands;

namespace Conformance.Harness;

public static class Program
{
    private const string Usage = """
        conformance: the Unix Socket FAQ as executable claims, and the compatibility matrix they make.

        Commands:
          matrix   run the suite here (or read results files) and write the compatibility matrix
                   conformance matrix [--in DIR ...] [--out DIR]
          run      run every claim on this machine and write its results file
                   conformance run [--out DIR] [--lane NAME] [--slow] [--repeat N] [--filter EXPR] [--no-build]
          distros  run the suite in a container per Linux distro of ci/distros.json (needs Docker)
                   conformance distros [--only NAME ...] [--out DIR] [--limit-minutes N]
          kernels  run the suite on several Linux kernels, each booted under QEMU
                   conformance kernels [--only NAME ...] [--out DIR] [--limit-minutes N]
          wine     smoke-run the Windows code path under Wine (its results are Wine's, never a Windows column)
                   conformance wine [--out DIR]
          gate     compare each lane's fresh results with its approved baseline; a change, an upgrade,
                   a missing lane or an unapproved one fails
                   conformance gate --baselines DIR --in DIR [--lane NAME] [--summary FILE] [--propose DIR] [--allow-new]
          approve  make fresh results the approved baselines of their lanes (or retire a lane)
                   conformance approve --in DIR --baselines DIR [--lane NAME] | --remove NAME --baselines DIR
          diff     compare two platforms (results files or matrix columns)
                   conformance diff FROM TO [--matrix FILE]

        `conformance COMMAND --help` tells more about one command.
        Exit codes: 0 success; 1 a claim failed, or the gate or diff found a change; 2 bad input.
        """;

    public static int Main(string[] args)
    {
        Distros.DockerEngine.PrepareEnvironment();
        try
        {
            return args switch
            {
                [] or ["--help" or "-h" or "help"] => Help(),
                ["run", .. var rest] => RunCommand.Execute(rest),
                ["matrix", .. var rest] => MatrixCommand.Execute(rest),
                ["gate", .. var rest] => GateCommand.Execute(rest),
                ["distros", .. var rest] => DistrosCommand.Execute(rest),
                ["wine", .. var rest] => WineCommand.Execute(rest),
                ["kernels", .. var rest] => KernelsCommand.Execute(rest),
                ["approve", .. var rest] => ApproveCommand.Execute(rest),
                ["diff", .. var rest] => DiffCommand.Execute(rest),
                _ => throw new CliException($"unknown command '{args[0]}'; the commands are matrix, run, distros, kernels, wine, gate, approve, diff (see `conformance --help`)"),
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
