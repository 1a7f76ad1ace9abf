using System.Text.Json.Nodes;
using Conformance.Harness.Tests.Commands;

namespace Conformance.Harness.Tests.Lanes;

/// <summary>The gate against real upgrades: results files recorded on this project's machine (Lanes/Fixtures: the
/// kernel 5.10, 6.1 and testing guests, the Debian 12 container and the same image under gVisor), each story
/// putting an older run in a lane's baseline and a newer one in its fresh results.</summary>
public sealed class UpgradeStoryTests
{
    private string _dir = "";

    private static string Recorded(string name) => Path.Combine(AppContext.BaseDirectory, "GateFixtures", $"{name}.json");

    private string Baselines => Path.Combine(_dir, "baselines");
    private string Fresh => Path.Combine(_dir, "fresh");

    [SetUp]
    public void Prepare()
    {
        _dir = Directory.CreateTempSubdirectory("conformance-lanes-").FullName;
        Directory.CreateDirectory(Baselines);
        Directory.CreateDirectory(Fresh);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void AKernelUpgradeInOneLaneNamesTheKernelAndTheCellItChanged()
    {
        Approve("kernel-6.1", asLane: "kernel");
        Run("kernel-testing", asLane: "kernel");
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("Upgrade kernel: id linux-kernel-6.1-x64-vm -> linux-kernel-testing-x64-vm, osVersion 6.1.0-50-cloud-amd64 -> 7.2.12+deb14-cloud-amd64"));
        Assert.That(output, Does.Contain("udp.rcvbuf-accounting").And.Contain("queued=11").And.Contain("queued=9"));
        Assert.That(Lines(output, "tcp.", "udp.", "opt."), Has.Count.EqualTo(1), "one cell changed, and only it is named");
    }

    [Test]
    public void ARuntimeSwitchInOneLaneNamesUrgentDataAndSigpipe()
    {
        Approve("debian-12", asLane: "debian-12");
        Run("gvisor", asLane: "debian-12");
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("Upgrade debian-12:").And.Contain("ociRuntime (none) -> runsc 0.0~20221219.0"));
        Assert.That(output, Does.Contain("tcp.oob").And.Contain("differs: exceptfds=false"));
        // The cell's values, not its verdict: the gate judges the recorded results by today's catalogue, whose keys for
        // this claim may have moved on since they were recorded.
        Assert.That(output, Does.Contain("tcp.sigpipe").And.Contain("sigpipe-pending=false"));
    }

    [Test]
    public void ALaneWithABaselineAndNoFreshResultsFailsNamingIt()
    {
        Approve("kernel-6.1", asLane: "kernel-6.1");
        Approve("kernel-testing", asLane: "kernel-testing");
        Run("kernel-6.1", asLane: "kernel-6.1");
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("Missing lane kernel-testing").And.Contain("conformance approve --remove kernel-testing"));
        Assert.That(CommandLine.Run("approve", "--remove", "kernel-testing", "--baselines", Baselines).Exit, Is.Zero);
        Assert.That(Gate().Exit, Is.Zero, "a lane retired on purpose is no longer asked for");
    }

    [Test]
    public void ANewLaneFailsUnlessAllowedAndProposesItsBaseline()
    {
        Approve("kernel-6.1", asLane: "kernel-6.1");
        Run("kernel-6.1", asLane: "kernel-6.1");
        Run("kernel-testing", asLane: "kernel-testing");
        var proposed = Path.Combine(_dir, "proposed");
        var (exit, output, _) = Gate("--propose", proposed);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("New lane kernel-testing (linux-kernel-testing-x64-vm): no baseline"));
        Assert.That(output, Does.Contain($"conformance approve --in {proposed} --baselines {Baselines}"));
        Assert.That(Directory.GetFiles(proposed).Select(Path.GetFileName), Is.EqualTo(new[] { "kernel-testing.json" }));
        Assert.That(Gate("--allow-new").Exit, Is.Zero);
    }

    [Test]
    public void AnUpgradeWithIdenticalCellsPassesAndIsNamed()
    {
        Approve("kernel-5.10", asLane: "kernel");
        Run("kernel-6.1", asLane: "kernel");
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("Upgrade kernel: id linux-kernel-5.10-x64-vm -> linux-kernel-6.1-x64-vm, osVersion 5.10.0-32-cloud-amd64 -> 6.1.0-50-cloud-amd64; every cell as approved"));
        Assert.That(File.ReadAllText(Path.Combine(_dir, "gate.md")), Does.Contain("Upgrade kernel: ").And.Contain("every cell as approved"), "the job summary names it too");
    }

    [Test]
    public void FailOnUpgradeFailsAnUpgradeWithIdenticalCellsUntilApproved()
    {
        Approve("kernel-5.10", asLane: "kernel");
        Run("kernel-6.1", asLane: "kernel");
        var (exit, output, _) = Gate("--fail-on-upgrade");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("Upgrade kernel: ").And.Contain("the upgrade itself needs approval"));
        var approved = CommandLine.Run("approve", "--in", Fresh, "--baselines", Baselines);
        Assert.That(approved.Exit, Is.Zero);
        Assert.That(approved.Out, Does.Contain("upgrade: id linux-kernel-5.10-x64-vm -> linux-kernel-6.1-x64-vm"), "approve records the new platform");
        Assert.That(Gate("--fail-on-upgrade").Exit, Is.Zero, "approved, the upgrade passes");
    }

    [Test]
    public void AnUpgradeThatChangedACellFailsWithOrWithoutTheOption()
    {
        Approve("kernel-6.1", asLane: "kernel");
        Run("kernel-testing", asLane: "kernel");
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("cells changed").And.Contain("udp.rcvbuf-accounting"));
    }

    [Test]
    public void AColumnThatFailedIsOneLineNamingTheCauseNotAnUpgradeOrACellPerRow()
    {
        Approve("kernel-5.10", asLane: "kernel-5.10");
        var approved = ResultsFile.Load(Path.Combine(Baselines, "kernel-5.10.json"));
        var broken = Conformance.Harness.Columns.Columns.ErrorColumn("kernel-5.10", "guest", approved.Platform, approved.Column!,
            "TimeoutException: the guest printed nothing new for 3 min", "a / long / console / tail / here") with { Lane = "kernel-5.10" };
        broken.Save(Path.Combine(Fresh, "kernel-5.10.json"));
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("Failed lane kernel-5.10: the column failed, every cell is an error: the kernel-5.10 guest failed: TimeoutException: the guest printed nothing new for 3 min"));
        Assert.That(output, Does.Not.Contain("Upgrade"));
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.LessThanOrEqualTo(3), output);
        Assert.That(Gate("--allow-new").Exit, Is.EqualTo(1), "a failed column fails whatever the options");
    }

    /// <summary>A claim added to the catalogue since a lane's approval, and one retired from it, are named as such, and
    /// still need approval: the lane's baseline then holds the new claim's cells and drops the retired one's.</summary>
    [Test]
    public void ANewClaimAndARetiredOneAreNamedAsSuchAndNeedApproval()
    {
        Approve("kernel-6.1", asLane: "kernel-6.1");
        Run("kernel-6.1", asLane: "kernel-6.1");
        var path = Path.Combine(Baselines, "kernel-6.1.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var claims = root["claims"]!.AsArray();
        var retired = claims.First(c => (string?)c!["id"] == "tcp.read-zero-after-fin")!.DeepClone();
        retired["id"] = "tcp.no-longer-asked";
        foreach (var cell in claims.Where(c => (string?)c!["id"] == "tcp.sigpipe").ToList())
        {
            claims.Remove(cell);
        }

        claims.Add(retired);
        File.WriteAllText(path, root.ToJsonString());

        var (exit, output, _) = Gate();
        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(Lines(output, "tcp.sigpipe "), Has.Some.Contains("(new claim)"));
        Assert.That(Lines(output, "tcp.no-longer-asked "), Has.Some.Contains("(retired claim)"));
        Assert.That(output, Does.Not.Contain("absent"));
        Assert.That(CommandLine.Run("approve", "--in", Fresh, "--baselines", Baselines).Exit, Is.Zero);
        Assert.That(Gate().Exit, Is.Zero, "approved, the lane holds the new claim and no longer the retired one");
    }

    [Test]
    public void IdenticalResultsPass()
    {
        Approve("gvisor", asLane: "gvisor");
        Run("gvisor", asLane: "gvisor");
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("1 lane(s) compared"));
    }

    [Test]
    public void OneResultsFileIsGatedAsTheLaneNamed()
    {
        Approve("kernel-6.1", asLane: "kernel-testing");
        var file = Path.Combine(_dir, "kernel-6.1.json");
        File.Copy(Recorded("kernel-testing"), file);
        var (exit, output, _) = CommandLine.Run("gate", "--baselines", Baselines, "--in", file, "--lane", "kernel-testing", "--summary", Path.Combine(_dir, "gate.md"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("udp.rcvbuf-accounting").And.Contain("Upgrade kernel-testing"));
    }

    [Test]
    public void BadInputIsOneLineAndExitTwo()
    {
        Approve("kernel-6.1", asLane: "kernel-6.1");
        Run("kernel-6.1", asLane: "kernel-6.1");
        Run("kernel-testing", asLane: "kernel-6.1", file: "second.json");
        Assert.That(Error(Gate()), Does.Contain("two results files claim lane 'kernel-6.1'"));

        File.Delete(Path.Combine(Fresh, "second.json"));
        Assert.That(Error(Gate("--lane", "nowhere")), Does.Contain("lane 'nowhere' matches no baseline"));
        Assert.That(Error(CommandLine.Run("approve", "--remove", "nowhere", "--baselines", Baselines)), Does.Contain("lane 'nowhere' has no baseline"));

        var baseline = Path.Combine(Baselines, "kernel-6.1.json");
        File.WriteAllText(baseline, File.ReadAllText(baseline).Replace("conformance-results/1", "conformance-results/0", StringComparison.Ordinal));
        Assert.That(Error(Gate()), Does.Contain("schema is 'conformance-results/0'"));
    }

    private void Approve(string recorded, string asLane) => Place(recorded, asLane, Path.Combine(Baselines, $"{asLane}.json"));

    private void Run(string recorded, string asLane, string? file = null) => Place(recorded, asLane, Path.Combine(Fresh, file ?? $"{recorded}.json"));

    private static void Place(string recorded, string lane, string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(Recorded(recorded)))!;
        root["lane"] = lane;
        File.WriteAllText(path, root.ToJsonString());
    }

    private (int Exit, string Out, string Error) Gate(params string[] extra) =>
        CommandLine.Run(["gate", "--baselines", Baselines, "--in", Fresh, "--summary", Path.Combine(_dir, "gate.md"), .. extra]);

    private static string Error((int Exit, string Out, string Error) run)
    {
        Assert.That(run.Exit, Is.EqualTo(2), run.Out);
        Assert.That(run.Error.TrimEnd(), Does.Not.Contain('\n'), "one line");
        return run.Error;
    }

    private static List<string> Lines(string output, params string[] prefixes) =>
        [.. output.Split('\n').Where(l => prefixes.Any(p => l.StartsWith(p, StringComparison.Ordinal)))];
}
