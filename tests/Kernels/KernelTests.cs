using System.Diagnostics;
using Conformance.Harness.Distros;
using Conformance.Harness.Columns;
using Conformance.Harness.Kernels;

namespace Conformance.Kernels.Tests;

/// <summary>One test per kernel of ci/distros.json: its column has every claim, no error, no undocumented
/// difference, and matches the approved baseline; and a guest that never powers off is killed at the limit.</summary>
[Category("Kernels")]
public sealed class KernelTests
{
    private static string Root => RepositoryRoot.Find() ?? throw new InvalidOperationException("run from the repository");

    private static (List<KernelEntry> Kernels, string Userland) Config => DistroConfig.LoadKernels(Path.Combine(Root, "ci", "distros.json"));

    public static IEnumerable<TestCaseData> Configured() => Config.Kernels.Select(k => new TestCaseData(k).SetName($"kernel {k.Name}"));

    [OneTimeSetUp]
    public void RequireQemu()
    {
        if (KernelRunner.Unavailable() is { } why)
        {
            Assert.Ignore($"Kernel columns need QEMU. {why}");
        }
    }

    [TestCaseSource(nameof(Configured))]
    public async Task TheColumnIsCompleteDocumentedAndAsApproved(KernelEntry kernel)
    {
        var outcome = await KernelRunner.RunOne(kernel, Config.Userland, TimeSpan.FromMinutes(5), TestContext.Progress.WriteLine);
        if (outcome.Skipped is { } skipped)
        {
            Assert.Ignore(skipped);
        }

        Assert.That(outcome.Failure, Is.Null, $"the {kernel.Name} guest failed");
        var results = outcome.Results!;
        results.Save(Path.Combine(ResultsEnvironment.ResultsDirectory, $"{results.Platform.Id}.json"));
        Assert.That(Columns.Problems(results, kernel.Platform, Path.Combine(Root, "ci", "baselines")), Is.Empty,
            "the column must be complete, without errors or undocumented differences, and as approved");
    }

    /// <summary>A guest whose kernel panicked before the suite printed anything is booted once more; one that ran
    /// the suite is never run twice, whatever it printed after.</summary>
    [Test]
    public void OnlyAPanicBeforeTheSuiteStartedIsBootedAgain()
    {
        const string panic = "[    1.883928] Kernel panic - not syncing: Fatal exception in interrupt";
        Assert.That(KernelRunner.PanickedBeforeTheSuite($"[    1.8] RIP: 0010\n{panic}\n[    3.6] Shutting down cpus with NMI\n"), Is.EqualTo(panic));
        Assert.That(KernelRunner.PanickedBeforeTheSuite($"{BootImage.Begin}e30={BootImage.End}\n{panic}\n"), Is.Null);
        Assert.That(KernelRunner.PanickedBeforeTheSuite("reboot: Power down\n"), Is.Null);
    }

    /// <summary>An init that loops forever: the guest never powers off, QEMU is killed at the limit, and the
    /// column is errors saying so, with the console's tail.</summary>
    [Test]
    public async Task AGuestThatNeverPowersOffIsKilledAtTheLimit()
    {
        var kernel = Config.Kernels.FirstOrDefault(k => File.Exists(Path.Combine(KernelRunner.KernelDir(k.Suite), "vmlinuz")));
        if (kernel is null)
        {
            Assert.Ignore("no kernel is cached: run ci/fetch-kernels.sh");
        }

        var busybox = new[] { "/bin/busybox", "/usr/bin/busybox" }.FirstOrDefault(File.Exists);
        if (busybox is null)
        {
            Assert.Ignore("busybox-static is not installed");
        }

        var root = Directory.CreateTempSubdirectory("conformance-hang-");
        var initramfs = Path.Combine(root.FullName, "hang.cpio");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "tree", "bin"));
            File.Copy(busybox, Path.Combine(root.FullName, "tree", "bin", "busybox"));
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "tree", "init"), "#!/bin/busybox sh\necho hanging on purpose\nwhile :; do /bin/busybox sleep 1; done\n");
            Sh($"chmod 755 '{root.FullName}/tree/init' '{root.FullName}/tree/bin/busybox' && cd '{root.FullName}/tree' && find . | cpio -o -H newc --quiet > '{initramfs}'");

            var stopwatch = Stopwatch.StartNew();
            var outcome = await KernelRunner.RunOne(kernel with { Platform = "linux-kernel-hang-x64-vm" }, Config.Userland, TimeSpan.FromSeconds(20), TestContext.Progress.WriteLine, initramfs);

            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "killed at the limit, not left running");
            Assert.That(outcome.Failure, Does.Contain("did not power off within"));
            Assert.That(outcome.Results!.Claims, Has.All.Matches<ClaimResult>(c => c.Verdict == Verdict.Error));
            Assert.That(outcome.Results.Claims[0].Note, Does.Contain("hanging on purpose"), "the console's tail is in the note");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void Sh(string script) =>
        Assert.That(ExternalProgram.Run("/bin/sh", ["-c", script], TimeSpan.FromMinutes(1)).Exit, Is.Zero, script);
}
