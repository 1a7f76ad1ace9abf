using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Tests.Ci;

/// <summary>The action (action.yml) as a hosted runner runs it: its steps through <see cref="CompositeRunner"/>, as a
/// user who cannot write /var/cache (when this process is root: a user of its own, as GitHub's runner user), with an
/// empty cache and an empty baselines folder, in a copy of this repository. Five scenarios, in order, each on what the
/// one before left: a first run (fails, proposes its baseline), the summary's approval command, a rerun (passes), a
/// changed cell (fails naming it; the summary's command re-approves it over the old file), and a harness that does not
/// build (fails, and the summary says why). docs/ci.md tells what each printed.</summary>
[Category("Action")]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // a Linux runner's bash, users and file modes
public sealed partial class ActionRunTests
{
    private const string RunnerUser = "conformance-runner";
    private const string Lane = "ubuntu24"; // from ImageOS, as on a hosted Ubuntu 24.04 runner
    private string _root = "";
    private RunnerJob _job = null!;
    private CompositeRunner _runner = null!;

    private string Baselines => Path.Combine(_job.Workspace, "conformance-baselines");

    [OneTimeSetUp]
    public void LayOutARunner()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("the action's steps are tried as a hosted Linux runner runs them");
        }

        if (!RunContract.IsSet(RunContract.ActionTest))
        {
            Assert.Ignore($"takes minutes and, as root, makes a user of its own: set {RunContract.ActionTest}=1 (.ci/run's stage 'action on a hosted runner' does)");
        }

        var repository = RepositoryRoot.Find() ?? throw new InvalidOperationException("run from the repository");
        _root = Directory.CreateTempSubdirectory("conformance-action-").FullName;
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101); // the runner's user walks into it
        var user = Environment.IsPrivilegedProcess ? EnsureUser() : null;
        var home = user is null ? Environment.GetEnvironmentVariable("HOME")! : $"/home/{user}";
        var action = Path.Combine(_root, "action");
        CopyCheckout(repository, action);
        foreach (var folder in new[] { "workspace/conformance-baselines", "temp", "artifacts", "bin" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
        }

        File.WriteAllText(Path.Combine(_root, "bin", "gh"), GhStandIn.Replace("ARTIFACTS", Path.Combine(_root, "artifacts"), StringComparison.Ordinal));
        File.SetUnixFileMode(Path.Combine(_root, "bin", "gh"), (UnixFileMode)0b111_101_101);
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{DotnetFolder()}:/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = home,
            ["USER"] = user ?? Environment.UserName,
            ["LANG"] = "C.UTF-8",
            ["ImageOS"] = "ubuntu24",
            ["RUNNER_OS"] = "Linux",
            ["RUNNER_ARCH"] = "X64",
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                     .Select(e => ((string)e.Key, (string?)e.Value ?? ""))
                     .Where(e => e.Item1.StartsWith("NUGET_", StringComparison.Ordinal) || e.Item1.Equals("https_proxy", StringComparison.OrdinalIgnoreCase)
                         || e.Item1.Equals("http_proxy", StringComparison.OrdinalIgnoreCase) || e.Item1.Equals("no_proxy", StringComparison.OrdinalIgnoreCase)))
        {
            environment[key] = value;
        }

        _job = new RunnerJob(action, Path.Combine(_root, "workspace"), Path.Combine(_root, "temp"), Path.Combine(_root, "artifacts"),
            Path.Combine(_root, "temp", "summary.md"), user, new Dictionary<string, string>(), environment);
        if (user is not null)
        {
            foreach (var folder in new[] { action, _job.Workspace, _job.Temp })
            {
                CompositeRunner.Chown(user, folder);
            }
        }

        _runner = new CompositeRunner(Path.Combine(action, "action.yml"));
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (_root.Length > 0)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test, Order(1)]
    public void AFirstRunFailsOnPurposeAndProposesItsBaseline()
    {
        var run = Job();
        Assert.That(run.Succeeded, Is.False, "nothing is approved yet");
        Assert.That(run.Step("conformance run").Outcome, Is.EqualTo("success"), run.ToString());
        Assert.That(run.Step("conformance gate").Outcome, Is.EqualTo("failure"));
        Assert.That(run.Summary, Does.Contain($"New lane {Lane}").And.Contain($"gh run download {_job.RunId} -n conformance-proposed-{Lane}"));
        Assert.That(File.Exists(Path.Combine(_job.Artifacts, $"conformance-proposed-{Lane}", $"{Lane}.json")));
        Assert.That(Directory.GetFiles(Path.Combine(_job.Artifacts, $"conformance-results-{Lane}"), "*.json"), Has.Length.EqualTo(1));
        Assert.That(Directory.GetDirectories(Path.Combine(_job.Temp, "conformance-cache", "payload")), Is.Not.Empty,
            "the suite was published into the runner's temp folder, which its user can write");
        if (_job.User is not null)
        {
            Assert.That(run.Step("conformance run").Output, Does.Not.Contain("UnauthorizedAccessException"));
        }
    }

    [Test, Order(2)]
    public void TheSummarysApprovalCommandApprovesIt()
    {
        Approve(Job());
        Assert.That(File.Exists(Path.Combine(Baselines, $"{Lane}.json")));
    }

    [Test, Order(3)]
    public void ARerunPasses()
    {
        var run = Job();
        Assert.That(run.Succeeded, run.ToString());
        Assert.That(run.Summary, Does.Contain("1 lane(s) compared").And.Contain("no change"));
    }

    [Test, Order(4)]
    public void AChangedCellFailsNamingItAndTheSummaryReapprovesOverTheOldFile()
    {
        var baseline = Path.Combine(Baselines, $"{Lane}.json");
        var root = JsonNode.Parse(File.ReadAllText(baseline))!;
        Cell(root)["observed"]!["read#1"] = "ECONNRESET";
        File.WriteAllText(baseline, root.ToJsonString());

        var run = Job();
        Assert.That(run.Succeeded, Is.False);
        Assert.That(run.Summary, Does.Contain("tcp.read-zero-after-fin").And.Contain("read#1=ECONNRESET"));
        Approve(run);
        Assert.That(ReadZero(baseline), Is.EqualTo("0"), "the proposed baseline replaced the changed one");
        Assert.That(Job().Succeeded, "approved again, the lane passes");
    }

    [Test, Order(5)]
    public void AHarnessThatDoesNotBuildFailsAndTheSummarySaysWhy()
    {
        var program = Path.Combine(_job.ActionPath, "harness", "Program.cs");
        var source = File.ReadAllText(program);
        File.AppendAllText(program, "\nthis does not compile\n");
        try
        {
            var run = Job();
            Assert.That(run.Succeeded, Is.False);
            Assert.That(run.Summary, Does.Contain($"no results on {Lane}").And.Contain("error CS"), run.ToString());
            Assert.That(run.Steps.Last().Output, Does.Contain("wrote no results file").And.Not.Contain("a claim differed"));
            Assert.That(run.Step("conformance gate").Output, Does.Contain("no results file to gate"));
        }
        finally
        {
            File.WriteAllText(program, source);
        }
    }

    /// <summary>The raw IPv4 cell of tcp.read-zero-after-fin in a results file.</summary>
    private static JsonNode Cell(JsonNode results) =>
        results["claims"]!.AsArray().First(c => (string?)c!["id"] == "tcp.read-zero-after-fin" && (string?)c["family"] == "ipv4" && c["layer"] is null)!;

    private static string? ReadZero(string file) => (string?)Cell(JsonNode.Parse(File.ReadAllText(file))!)["observed"]!["read#1"];

    private JobRun Job()
    {
        var run = _runner.Run(_job);
        TestContext.Out.WriteLine(run.ToString());
        return run;
    }

    /// <summary>Runs the approval command the job summary gives, as its reader would, with gh standing in.</summary>
    private void Approve(JobRun run)
    {
        var command = ApprovalBlock().Match(run.Summary);
        Assert.That(command.Success, $"the summary gives an approval command:\n{run.Summary}");
        var environment = new Dictionary<string, string> { ["PATH"] = $"{Path.Combine(_root, "bin")}:/usr/bin:/bin" };
        var result = ExternalProgram.Run("bash", ["-eo", "pipefail", "-c", command.Groups[1].Value], TimeSpan.FromMinutes(1), environment, workingDirectory: _job.Workspace);
        Assert.That(result.Exit, Is.Zero, result.Output);
    }

    [GeneratedRegex(@"approve with:\s*```sh\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ApprovalBlock();

    /// <summary>gh run download, as far as the approval needs it: the artifact's files into a folder, refusing to
    /// overwrite a file as gh does.</summary>
    private const string GhStandIn = """
        #!/bin/sh
        [ "$1 $2" = "run download" ] || { echo "gh stand-in: only 'run download'" >&2; exit 2; }
        shift 3
        while [ $# -gt 0 ]; do case $1 in -n) name=$2; shift 2;; -D) dir=$2; shift 2;; *) shift;; esac; done
        mkdir -p "$dir"
        for f in "ARTIFACTS/$name"/*; do
          [ -e "$dir/$(basename "$f")" ] && { echo "error downloading $name: file exists: $dir/$(basename "$f")" >&2; exit 1; }
          cp "$f" "$dir/"
        done

        """;

    /// <summary>The folder of the dotnet this machine runs (setup-dotnet's stand-in puts the machine's SDK on PATH).</summary>
    private static string DotnetFolder() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "dotnet"))) ?? "/usr/bin";

    /// <summary>The runner's user: a user of its own that cannot write /var/cache, as on a hosted runner.</summary>
    private static string EnsureUser()
    {
        if (ExternalProgram.Run("id", ["-u", RunnerUser], TimeSpan.FromSeconds(10)).Exit != 0)
        {
            var made = ExternalProgram.Run("useradd", ["--create-home", "--shell", "/bin/bash", RunnerUser], TimeSpan.FromSeconds(30));
            Assert.That(made.Exit, Is.Zero, $"useradd {RunnerUser}: {made.Output}");
        }

        return RunnerUser;
    }

    /// <summary>The checkout an action runs from: the repository's files as they are in the work tree, nothing built.</summary>
    private static void CopyCheckout(string repository, string to)
    {
        var files = ExternalProgram.Run("git", ["ls-files", "-co", "--exclude-standard", "-z"], TimeSpan.FromMinutes(1), workingDirectory: repository);
        Assert.That(files.Exit, Is.Zero, files.Output);
        foreach (var file in files.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim('\n', '\r')).Where(f => f.Length > 0))
        {
            var source = Path.Combine(repository, file);
            if (!File.Exists(source))
            {
                continue; // deleted in the work tree
            }

            var target = Path.Combine(to, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(source));
        }
    }
}
