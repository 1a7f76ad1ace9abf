using System.Text.Json.Nodes;

namespace Conformance.Harness.Tests.Commands;

/// <summary>`conformance judge`: a results file judged again with today's tables, as a team triages a first run.</summary>
public sealed class JudgeTests
{
    private string _dir = "";

    private string Input => Path.Combine(_dir, "in", "host.json");

    [SetUp]
    public void Prepare()
    {
        _dir = Directory.CreateTempSubdirectory("conformance-judge-").FullName;
        Directory.CreateDirectory(Path.Combine(_dir, "in"));
        File.Copy(Path.Combine(RepositoryRoot.Find()!, "ci", "baselines", "host.json"), Input);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void ADifferenceDocumentedSinceTheRunIsJudgedDocumentedInPlace()
    {
        var row = Edit(c => c["verdict"]!.GetValue<string>() == "differs" && c["documented"] is not null, c =>
        {
            c["documented"] = null;
            c["note"] = "undocumented when it ran";
        });

        var (exit, output, error) = CommandLine.Run("judge", "--in", Input);

        Assert.That((exit, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.Contain("1 cell(s) judged otherwise than when it ran; 0 undocumented difference(s)").And.Contain("No undocumented difference."));
        Assert.That(ResultsFile.Load(Input).Claims.Single(c => c.Row == row).Documented, Is.Not.Null, "written back in place");
    }

    [Test]
    public void AnUndocumentedDifferenceIsPrintedInOneLineAndFails()
    {
        Edit(c => c["id"]!.GetValue<string>() == "tcp.read-zero-after-fin" && c["family"]?.GetValue<string>() == "ipv4" && c["layer"] is null,
            c => c["observed"]!["read#2"] = "EIO");
        var outDir = Path.Combine(_dir, "out");
        var before = File.ReadAllText(Input);

        var (exit, output, _) = CommandLine.Run("judge", "--in", Input, "--out", outDir);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.Split('\n'), Has.One.StartsWith("  tcp.read-zero-after-fin: undocumented difference").And.Contain("read#2 expected 0, observed EIO"));
        Assert.That(File.ReadAllText(Input), Is.EqualTo(before), "--out leaves the input as it was");
        Assert.That(ResultsFile.Load(Path.Combine(outDir, "host.json")).Claims.Single(c => c.Row == "tcp.read-zero-after-fin").Verdict, Is.EqualTo(Verdict.Differs));
    }

    [Test]
    public void AMissingInputIsBadInputAndNothingIsWritten()
    {
        var before = File.ReadAllText(Input);
        var (exit, _, error) = CommandLine.Run("judge", "--in", Input, "--in", Path.Combine(_dir, "nowhere.json"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.TrimEnd(), Does.StartWith("conformance: ").And.Contain("nowhere.json: no such file or folder").And.Not.Contain('\n'));
        Assert.That(File.ReadAllText(Input), Is.EqualTo(before));
    }

    /// <summary>Edits the first claim of the input that <paramref name="which"/> picks; gives its row key.</summary>
    private string Edit(Func<JsonNode, bool> which, Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(Input))!;
        var claim = json["claims"]!.AsArray().First(c => which(c!))!;
        change(claim);
        File.WriteAllText(Input, json.ToJsonString());
        var family = claim["family"]?.GetValue<string>();
        var layer = claim["layer"]?.GetValue<string>();
        return ClaimRows.Key(claim["id"]!.GetValue<string>(), family, layer);
    }
}
