namespace Conformance.Harness.Runs;

/// <summary>The clone the command line works in, and the one way it starts <c>dotnet</c> there.</summary>
public static class Repository
{
    /// <summary>The folder holding Conformance.sln, above the current directory or the command line itself.</summary>
    public static string Root() =>
        RepositoryRoot.Find(Environment.CurrentDirectory) ?? RepositoryRoot.Find()
        ?? throw new BadInputException("cannot find Conformance.sln above the current directory; run from the repository");

    /// <summary>Under the clone's artifacts folder: the default place of results, matrices and summaries.</summary>
    public static string Artifacts(params string[] parts) => Path.Combine([Root(), "artifacts", .. parts]);

    /// <summary>Runs dotnet (the one running this, when the SDK says so) with telemetry off; bounded generously, so
    /// a hung build or test run still ends.</summary>
    public static int Dotnet(string workingDirectory, IEnumerable<string> args, IDictionary<string, string>? env, Action<string> onLine)
    {
        var result = ExternalProgram.Run(DotnetHost, args, TimeSpan.FromMinutes(30), DotnetEnvironment(env), onLine, workingDirectory);
        return result.Exit ?? throw new TimeoutException($"dotnet {string.Join(' ', args.Take(2))} did not finish within 30 minutes");
    }

    /// <summary>The dotnet to start: the one running this, when the SDK says so.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary><paramref name="env"/> with dotnet's telemetry and logo off.</summary>
    public static Dictionary<string, string> DotnetEnvironment(IDictionary<string, string>? env) =>
        new(env ?? new Dictionary<string, string>())
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
}
