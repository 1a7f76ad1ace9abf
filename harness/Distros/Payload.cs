using System.Security.Cryptography;
using System.Text;
using Conformance.Harness.Commands;

namespace Conformance.Harness.Distros;

/// <summary>The suite as self-contained executables for a container: the three claim projects published with
/// the NUnit runner on (and nothing else of the test tooling), plus the script that runs them. Published
/// once per content: the folder is named by a hash of every source file that goes into it, in a cache
/// outside the clone.</summary>
public static class Payload
{
    public const string Script = "run-claims.sh";

    private static readonly string[] Projects = ["tests/Tcp/Conformance.Tcp.Tests.csproj", "tests/Udp/Conformance.Udp.Tests.csproj", "tests/Options/Conformance.Options.Tests.csproj"];
    private static readonly string[] Sources = ["tests/Fixtures", "tests/Tcp", "tests/Udp", "tests/Options", "tests/ClaimAssembly.cs", "tests/Directory.Build.props", "Directory.Build.props", "Directory.Packages.props", "global.json"];
    private static readonly SemaphoreSlim OneAtATime = new(1);

    public static string CacheRoot => Environment.GetEnvironmentVariable("CONFORMANCE_CACHE") is { Length: > 0 } cache ? cache : "/var/cache/conformance";

    /// <summary>The payload folder for <paramref name="rid"/>, published now if this content has not been.</summary>
    public static async Task<string> For(string rid, Action<string> progress)
    {
        var root = RunCommand.Root();
        var dir = Path.Combine(CacheRoot, "payload", $"{rid}-{ContentHash(root)}");
        await OneAtATime.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(dir, Script)))
            {
                return dir;
            }

            progress($"publishing the suite for {rid} (cached in {dir})");
            var work = $"{dir}.{Environment.ProcessId}.tmp";
            Directory.CreateDirectory(work);
            foreach (var project in Projects)
            {
                var output = new StringBuilder();
                var exit = RunCommand.Dotnet(root,
                    ["publish", project, "-c", "Release", "-r", rid, "--self-contained", "-nologo", "-v", "q",
                     "-p:EnableNUnitRunner=true", "-p:InvariantGlobalization=true", "-o", work], null, line => output.AppendLine(line));
                if (exit != 0)
                {
                    Directory.Delete(work, recursive: true);
                    throw new InvalidOperationException($"dotnet publish {project} -r {rid} failed: {output.ToString().Trim()}");
                }
            }

            await File.WriteAllTextAsync(Path.Combine(work, Script), RunScript.Replace("\r\n", "\n", StringComparison.Ordinal));
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.Move(work, dir); // whole or not at all
            return dir;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static string ContentHash(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in Sources)
        {
            var path = Path.Combine(root, source);
            var files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                : File.Exists(path) ? [path] : [];
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file)));
                sha.AppendData(File.ReadAllBytes(file));
            }
        }

        sha.AppendData(Encoding.UTF8.GetBytes(RunScript));
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    /// <summary>Inside the container: every claim of the three executables, one after the other, into
    /// $CONFORMANCE_RESULTS_DIR; the platform's results file is then copied to a fixed name for the runner.</summary>
    private const string RunScript = """
        #!/bin/sh
        # Runs every claim of the Conformance suite; written by the harness (Payload.cs). All three executables
        # merge their claims into $CONFORMANCE_RESULTS_DIR/latest.json, which the runner reads back.
        cd "$(dirname "$0")" || exit 2
        mkdir -p "$CONFORMANCE_RESULTS_DIR"
        export CONFORMANCE_RESULTS_FILE="$CONFORMANCE_RESULTS_DIR/latest.json"
        status=0
        for suite in Conformance.Tcp.Tests Conformance.Udp.Tests Conformance.Options.Tests; do
          ./$suite --filter "TestCategory=Claim" --progress off --results-directory /tmp/testresults || status=1
        done
        exit $status

        """;
}
