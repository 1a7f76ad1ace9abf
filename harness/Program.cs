using Conformance.Harness.Cli;

namespace Conformance.Harness;

public static class Program
{
    public static int Main(string[] args)
    {
        Distros.DockerEngine.PrepareEnvironment();
        return CommandLine.Invoke(args);
    }
}
