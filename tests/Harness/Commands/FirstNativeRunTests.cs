namespace Conformance.Harness.Tests.Commands;

/// <summary>A first macOS, FreeBSD or Windows run, as ../shared/platform-evidence.md section 5 predicts it from those
/// systems' sources (R1-R10, and the .NET cells documented before), with the FAQ's values in every other key: judged
/// with today's tables, as a team would triage it, it has no undocumented difference. The fixtures are the
/// evidence's values written down by hand, not derived from the tables they check.</summary>
public sealed class FirstNativeRunTests
{
    [TestCase("macos")]
    [TestCase("freebsd")]
    [TestCase("windows")]
    public void APredictedFirstRunHasNoUndocumentedDifference(string os)
    {
        var dir = Directory.CreateTempSubdirectory("conformance-first-run-").FullName;
        try
        {
            var input = Path.Combine(dir, $"{os}.json");
            File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "FirstRuns", $"{os}.json"), input);

            var (exit, output, error) = CommandLine.Run("judge", "--in", input);

            Assert.That((exit, error), Is.EqualTo((0, "")), output);
            Assert.That(ResultsFile.Load(input).Claims.Where(c => c.Verdict != Verdict.Differs || c.Documented is null).Select(c => $"{c.Row}: {c.Verdict}"),
                Is.Empty, "every cell of the fixture departs from the FAQ, so each needs its entry");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
