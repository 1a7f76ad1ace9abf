namespace Conformance.Harness.Tests.Commands;

/// <summary>Runs the `conformance` command line in this process and captures what it printed.</summary>
internal static class CommandLine
{
    private static readonly Lock Gate = new();

    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldError) = (Console.Out, Console.Error);
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var exit = Program.Main(args);
                return (exit, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}
