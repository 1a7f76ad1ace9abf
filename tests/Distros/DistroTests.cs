using System.Formats.Tar;
using Conformance.Harness.Distros;
using Conformance.Harness.Columns;

namespace Conformance.Distros.Tests;

/// <summary>One test per distro of ci/distros.json: its column has every claim, no error, no undocumented
/// difference, and matches that platform's approved baseline.</summary>
[Category("Distros")]
public sealed class DistroTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static string Root => RepositoryRoot.Find() ?? throw new InvalidOperationException("run from the repository");

    public static IEnumerable<TestCaseData> Configured()
    {
        DockerEngine.PrepareEnvironment(); // before any Testcontainers type loads
        return DistroConfig.Load(Path.Combine(Root, "ci", "distros.json")).Select(d => new TestCaseData(d).SetName($"distro {d.Name}"));
    }

    [OneTimeSetUp]
    public void RequireDocker()
    {
        DockerEngine.PrepareEnvironment();
        if (DockerEngine.Unavailable() is { } why)
        {
            Assert.Ignore($"Distro columns need a Docker engine. {why}");
        }
    }

    [TestCaseSource(nameof(Configured))]
    public async Task TheColumnIsCompleteDocumentedAndAsApproved(Distro distro)
    {
        if (await DistroImages.Unavailable(distro) is { } missing)
        {
            Assert.Ignore(missing);
        }

        var outcome = Columns.InLane(await DistroRunner.Run(distro, Limit, TestContext.Progress.WriteLine), distro.Name);
        Assert.That(outcome.Failure, Is.Null, $"the {distro.Name} container failed");
        var results = outcome.Results!;
        results.Save(Path.Combine(ResultsEnvironment.ResultsDirectory, $"{results.Platform.Id}.json"));

        // The configured id, with a sandbox runtime's {version} filled in by the runner.
        Assert.That(Acceptance.Problems(results, outcome.Platform, Path.Combine(Root, "ci", "baselines")), Is.Empty,
            "the column must be complete, without errors or undocumented differences, and as approved");
    }

    /// <summary>A root filesystem with no /bin/sh: the container cannot start, and the column says why.</summary>
    [Test]
    public async Task ABrokenImageGivesAnErrorColumnWithTheReason()
    {
        var suite = $"broken-{Environment.ProcessId}";
        var tarball = DistroImages.RootfsTarball(suite);
        var content = Directory.CreateTempSubdirectory("conformance-broken-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(content.FullName, "README"), "a root filesystem with no shell\n");
            Directory.CreateDirectory(Path.GetDirectoryName(tarball)!);
            await TarFile.CreateFromDirectoryAsync(content.FullName, tarball, includeBaseDirectory: false);
            var broken = new Distro { Name = suite, Label = "broken ctr", Platform = "linux-broken-0-x64-container", Rootfs = suite };

            var outcome = Columns.InLane(await DistroRunner.Run(broken, TimeSpan.FromMinutes(2), TestContext.Progress.WriteLine), broken.Name);

            Assert.That(outcome.Failure, Is.Not.Null);
            Assert.That(outcome.Results!.Platform.Id, Is.EqualTo("linux-broken-0-x64-container"));
            Assert.That(outcome.Results.Claims, Has.Count.EqualTo(ClaimRows.Expected(Catalogue.Default).Count()).And.All.Matches<ClaimResult>(c => c.Verdict == Verdict.Error));
            Assert.That(outcome.Results.Claims.Select(c => c.Row), Is.EquivalentTo(ClaimRows.Expected(Catalogue.Default)), "every family and layer");
            Assert.That(outcome.Results.Claims[0].Note, Does.Contain($"the {suite} container failed"));
        }
        finally
        {
            content.Delete(recursive: true);
            File.Delete(tarball);
            await DistroImages.Forget(suite);
        }
    }
}
