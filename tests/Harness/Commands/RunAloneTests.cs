namespace Conformance.Harness.Tests.Commands;

/// <summary>A claim run alone, the first thing its test process does: what a team does with `--filter` while
/// triaging. tcp.ephemeral-port reads sysctl on the BSDs, whose C library only the raw layer's resolver finds; run
/// alone on FreeBSD it once failed with DllNotFoundException because nothing had installed that resolver yet.</summary>
public sealed class RunAloneTests
{
    [Test]
    public void TheEphemeralPortClaimRunsAloneInAFreshProcess()
    {
        var dir = Directory.CreateTempSubdirectory("conformance-alone-").FullName;
        try
        {
            var (_, output, _) = CommandLine.Run("run", "--no-build", "--filter", "Name~tcp.ephemeral-port", "--out", dir);

            var file = ResultsFile.Load(Directory.GetFiles(dir, "*.json").Single());
            Assert.That(file.Claims.Select(c => c.Id).Distinct(), Is.EqualTo(new[] { "tcp.ephemeral-port" }), output);
            Assert.That(file.Claims.Where(c => c.Verdict == Verdict.Error).Select(c => $"{c.Row}: {c.Note}"), Is.Empty, output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
