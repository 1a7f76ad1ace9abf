using System.Text.Json.Nodes;
using Conformance.Harness.Tests.Matrix;

namespace Conformance.Harness.Tests.Commands;

/// <summary>gate, approve and diff on changed, unchanged, missing and malformed inputs.</summary>
public sealed class GateTests
{
    private const string Linux = "linux-fixture-1-x64";
    private string _dir = "";

    private string Fresh => Path.Combine(_dir, "fresh");
    private string Baselines => Path.Combine(_dir, "baselines");
    private string Summary => Path.Combine(_dir, "gate.md");

    [SetUp]
    public void Prepare()
    {
        _dir = Directory.CreateTempSubdirectory("conformance-gate-").FullName;
        Directory.CreateDirectory(Fresh);
        File.Copy(Path.Combine(MatrixFixtures.Folder, $"{Linux}.json"), Path.Combine(Fresh, $"{Linux}.json"));
        Assert.That(CommandLine.Run("approve", "--in", Fresh, "--baselines", Baselines).Exit, Is.Zero);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void AnUnchangedRunPasses()
    {
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("no change"));
    }

    [Test]
    public void AChangedObservedValueFailsAndNamesTheClaim()
    {
        Edit(Path.Combine(Fresh, $"{Linux}.json"), "tcp.read-zero-after-fin", c => c["observed"]!["read#2"] = "5");
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("tcp.read-zero-after-fin").And.Contain("holds: read#2=0").And.Contain("differs: read#2=5"));
        Assert.That(File.ReadAllText(Summary), Does.Contain("| `tcp.read-zero-after-fin` | `host` | holds: read#2=0 | differs: read#2=5 |"));
    }

    [Test]
    public void AChangedVerdictFails()
    {
        // A verdict is judged from what was observed: the run that now says EPIPE holds where ECONNRESET differed.
        Edit(Path.Combine(Fresh, $"{Linux}.json"), "tcp.write-after-rst", c => c["observed"]!["write#1"] = "EPIPE");
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("differs: write#1=ECONNRESET").And.Contain("holds: write#1=EPIPE"));
    }

    [Test]
    public void AVerdictEditedByHandIsJudgedAgainFromTheObservation()
    {
        Edit(Path.Combine(Fresh, $"{Linux}.json"), "tcp.write-after-rst", c => c["verdict"] = "holds");
        Assert.That(Gate().Exit, Is.Zero, "the file's observation still differs, as the baseline's does");
    }

    [Test]
    public void ALaneWithoutABaselineFailsUnlessAllowed()
    {
        File.Delete(Path.Combine(Baselines, "host.json"));
        var (exit, output, _) = Gate();
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain($"New lane host ({Linux}): no baseline"));
        Assert.That(Gate("--allow-new").Exit, Is.Zero);
    }

    [Test]
    public void ATruncatedResultsFileIsBadInputInOneLine()
    {
        var path = Path.Combine(Fresh, $"{Linux}.json");
        File.WriteAllText(path, File.ReadAllText(path)[..200]);
        var (exit, _, error) = Gate();
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.TrimEnd(), Does.StartWith($"conformance: {path}: not valid conformance-results/1 JSON").And.Not.Contain('\n'));
    }

    [Test]
    public void AMissingBaselineFolderIsBadInput()
    {
        var (exit, _, error) = CommandLine.Run("gate", "--baselines", Path.Combine(_dir, "nowhere"), "--in", Fresh);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no such folder of baselines"));
    }

    [Test]
    public void DiffOfTwoRunsThatDifferInOneClaimNamesIt()
    {
        var other = Path.Combine(_dir, "other.json");
        File.Copy(Path.Combine(Fresh, $"{Linux}.json"), other);
        Edit(other, "tcp.write-after-rst", c => c["observed"]!["write#1"] = "EPIPE");
        var (exit, output, _) = CommandLine.Run("diff", Path.Combine(Fresh, $"{Linux}.json"), other);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("1 claim(s) differ").And.Contain("tcp.write-after-rst"));
        Assert.That(CommandLine.Run("diff", other, other).Exit, Is.Zero);
    }

    [Test]
    public void UnknownOptionsAndCommandsAreBadInput()
    {
        Assert.That(CommandLine.Run("gate", "--baseline", Baselines).Exit, Is.EqualTo(2));
        Assert.That(CommandLine.Run("frobnicate").Error, Does.Contain("unknown command 'frobnicate'"));
    }

    private (int Exit, string Out, string Error) Gate(params string[] extra) =>
        CommandLine.Run(["gate", "--baselines", Baselines, "--in", Fresh, "--summary", Summary, .. extra]);

    private static void Edit(string path, string claim, Action<JsonNode> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        change(root["claims"]!.AsArray().First(c => c!["id"]!.GetValue<string>() == claim)!);
        File.WriteAllText(path, root.ToJsonString());
    }
}
