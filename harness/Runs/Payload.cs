using System.Security.Cryptography;
using System.Text;

namespace Conformance.Harness.Runs;

/// <summary>The suite as self-contained executables for a container: the three claim projects published with
/// the NUnit runner on (and nothing else of the test tooling), plus the script that runs them. Published
/// once per content: the folder is named by a hash of every source file that goes into it, in a cache
/// outside the clone.</summary>
public static class Payload
{
    public const string Script = "run-claims.sh";

    /// <summary>What goes into the payload besides the claim projects' own folders: the content it is named by.</summary>
    private static readonly string[] SharedSources = ["model", "tests/Fixtures", ClaimProjects.File, "tests/ClaimAssembly.cs", "tests/ClaimResults.cs", "tests/Directory.Build.props", "Directory.Build.props", "Directory.Packages.props", "global.json"];
    private static readonly SemaphoreSlim OneAtATime = new(1);

    public static string CacheRoot => CacheFolder.Root;

    /// <summary>The payload folder for <paramref name="rid"/>, published now if this content has not been; for the .NET of
    /// <paramref name="framework"/> ("net8.0") when given, else the suite's own (net10.0).</summary>
    public static async Task<string> For(string rid, Action<string> progress, string? framework = null)
    {
        var root = Repository.Root();
        var projects = ClaimProjects.In(root);
        var script = RunScript(root);
        var flavour = framework is null ? rid : $"{rid}@{framework}";
        var dir = Path.Combine(CacheRoot, "payload", $"{flavour}-{ContentHash(root, projects.Select(p => Path.GetDirectoryName(p.Path)!), script)}");
        await OneAtATime.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(dir, Script)))
            {
                return dir;
            }

            // Another conformance process (a kernel sweep beside a distro sweep) may be publishing: dotnet publish of the
            // same projects at once would share their obj folders, so publishes take turns across processes.
            using var turn = await PublishTurn(progress);
            if (File.Exists(Path.Combine(dir, Script)))
            {
                return dir; // the other process published this very content
            }

            progress($"publishing the suite for {flavour} (cached in {dir})");
            var work = $"{dir}.{Environment.ProcessId}.tmp";
            Directory.CreateDirectory(work);
            foreach (var (project, _) in projects)
            {
                var output = new StringBuilder();
                // ReadyToRun for Linux payloads: a kernel guest under software emulation otherwise spends most of its
                // run compiling the suite's code just in time. Wine runs natively, and win-x64 needs no precompiling;
                // nor does an earlier .NET's payload, which runs on this machine (a runtime column).
                var exit = Repository.Dotnet(root,
                    ["publish", project, "-c", "Release", "-r", rid, "--self-contained", "-nologo", "-v", "q",
                     "-p:EnableNUnitRunner=true", "-p:InvariantGlobalization=true", $"-p:PublishReadyToRun={rid.StartsWith("linux", StringComparison.Ordinal) && framework is null}",
                     .. framework is null ? Array.Empty<string>() : [$"-p:ConformanceTargetFramework={framework}"], "-o", work],
                    null, line => output.AppendLine(line));
                if (exit != 0)
                {
                    Directory.Delete(work, recursive: true);
                    throw new InvalidOperationException($"dotnet publish {project} -r {flavour} failed: {output.ToString().Trim()}");
                }
            }

            await File.WriteAllTextAsync(Path.Combine(work, Script), script);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.Move(work, dir); // whole or not at all
            Prune(Path.Combine(CacheRoot, "payload"), flavour, Kept);
            return dir;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>How many payloads of one runtime the cache keeps: the one just published, and a few before it for a
    /// sweep or a checkout of another commit that may still use them.</summary>
    public const int Kept = 3;

    /// <summary>Deletes all but the <paramref name="keep"/> newest payloads of <paramref name="rid"/> (about 90 MB each;
    /// one is published for every change of the suite's sources), and any publish a killed process left half done.
    /// Runs under the publish lock, so no other process is publishing meanwhile.</summary>
    public static void Prune(string payloads, string rid, int keep)
    {
        var folders = new DirectoryInfo(payloads).EnumerateDirectories($"{rid}-*").ToList();
        var unfinished = folders.Where(d => d.Name.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
        var finished = folders.Except(unfinished).Where(d => File.Exists(Path.Combine(d.FullName, Script)));
        CacheFolder.Prune(finished, keep, unfinished);
    }

    /// <summary>An exclusive lock on the payload cache, held while publishing; waits up to half an hour for another
    /// process's turn, on a thread of its own so the sweep's other columns go on meanwhile.</summary>
    private static Task<FileStream> PublishTurn(Action<string> progress)
    {
        var path = Path.Combine(CacheRoot, "payload", ".publish.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Task.Run(() => ExclusiveFile.Open(path, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1),
            () => progress("waiting for another process's publish of the suite")));
    }

    private static string ContentHash(string root, IEnumerable<string> projectFolders, string script)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in SharedSources.Concat(projectFolders))
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

        sha.AppendData(Encoding.UTF8.GetBytes(script));
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    /// <summary>Inside the container or guest: every claim of each claim executable, split among processes as a run on
    /// the host is (<see cref="Workers"/>: side by side in network namespaces of their own where the guest allows it),
    /// merged as one run into <see cref="RunContract.PayloadResults"/> in the results folder, which the runner reads back.</summary>
    private static string RunScript(string root)
    {
        var split = Workers.Of(Catalogue.Default, ClaimProjects.Declared(root), Workers.InAPayload);
        return Workers.Script(split, Command, $$"""
            cd "$(dirname "$0")" || exit 2
            mkdir -p "${{RunContract.ResultsDir}}"
            export {{RunContract.ResultsFile}}="${{RunContract.ResultsDir}}/{{RunContract.PayloadResults}}" {{RunContract.RunId}}="payload-$$"

            """.Replace("\r\n", "\n", StringComparison.Ordinal), atOnce: $"\"${{{RunContract.AtOnce}:-{Workers.All}}}\"");

        static IReadOnlyList<string> Command(Workers.Worker worker, int i) =>
            [$"./{worker.Project.Assembly}", "--filter", worker.Filter(), "--progress", "off", "--results-directory", $"/tmp/testresults/{i}"];
    }
}
