using System.Formats.Tar;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;
using Conformance.Harness.Distros;
using Conformance.Harness.Gate;

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

        var outcome = await DistroRunner.RunOne(distro, Limit, TestContext.Progress.WriteLine);
        Assert.That(outcome.Failure, Is.Null, $"the {distro.Name} container failed");
        var results = outcome.Results!;
        results.Save(Path.Combine(ResultsStore.Directory, $"{results.Platform.Id}.json"));

        Assert.Multiple(() =>
        {
            // The configured id, with a sandbox runtime's {version} filled in by the runner.
            Assert.That(results.Platform.Id, Is.EqualTo(outcome.Distro.Platform), "the platform id the container reports");
            Assert.That(Catalogue.Default.Claims.Select(c => c.Id).Except(results.Claims.Select(c => c.Id)), Is.Empty, "claims missing from the column");
            Assert.That(results.Claims.Where(c => c.Verdict == Verdict.Error).Select(c => $"{c.Id}: {c.Note}"), Is.Empty, "claims whose scenario broke");
            Assert.That(results.Claims.Where(c => c.Verdict == Verdict.Differs && c.Documented is null).Select(c => $"{c.Id}: {c.Note}"), Is.Empty,
                "undocumented differences (document them in tests/Fixtures/Expectations/linux.json)");
        });

        var baseline = Path.Combine(Root, "ci", "baselines", $"{results.Platform.Id}.json");
        Assert.That(File.Exists(baseline), Is.True,
            $"no baseline for {results.Platform.Id}: review the column, then `conformance approve --in {ResultsStore.Directory} --baselines ci/baselines --platform {results.Platform.Id}`");
        var changes = Comparison.Between(ResultsFile.Load(baseline), results, results.Platform.Id, Catalogue.Default);
        Assert.That(changes.Select(c => $"{c.Claim}: {c.Before} -> {c.After}"), Is.Empty, "cells changed against the approved baseline");
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
            var broken = new Distro { Name = suite, Platform = "linux-broken-0-x64-container", Rootfs = suite };

            var outcome = await DistroRunner.RunOne(broken, TimeSpan.FromMinutes(2), TestContext.Progress.WriteLine);

            Assert.That(outcome.Failure, Is.Not.Null);
            Assert.That(outcome.Results!.Platform.Id, Is.EqualTo("linux-broken-0-x64-container"));
            Assert.That(outcome.Results.Claims, Has.Count.EqualTo(Catalogue.Default.Claims.Count).And.All.Matches<ClaimResult>(c => c.Verdict == Verdict.Error));
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
