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

    /// <summary>One accelerator for the fixture, as for a sweep: KVM is given up once, not once per kernel.</summary>
    private static readonly Accelerator Sweep = Accelerator.Here();

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
        var outcome = Columns.InLane(await KernelRunner.Run(kernel, Config.Userland, new GuestOptions(TimeSpan.FromMinutes(5), Sweep), TestContext.Progress.WriteLine), kernel.Name);
        if (outcome.Skipped is { } skipped)
        {
            Assert.Ignore(skipped);
        }

        Assert.That(outcome.Failure, Is.Null, $"the {kernel.Name} guest failed");
        var results = outcome.Results!;
        results.Save(Path.Combine(ResultsEnvironment.ResultsDirectory, $"{results.Platform.Id}.json"));
        Assert.That(Acceptance.Problems(results, kernel.Platform, Path.Combine(Root, "ci", "baselines")), Is.Empty,
            "the column must be complete, without errors or undocumented differences, and as approved");
    }

    /// <summary>A guest whose kernel panicked before the suite printed anything is booted once more; one that ran
    /// the suite is never run twice, whatever it printed after.</summary>
    [Test]
    public void OnlyAPanicBeforeTheSuiteStartedIsBootedAgain()
    {
        const string panic = "[    1.883928] Kernel panic - not syncing: Fatal exception in interrupt";
        Assert.That(KernelRunner.PanickedBeforeTheSuite($"[    1.8] RIP: 0010\n{panic}\n[    3.6] Shutting down cpus with NMI\n"), Is.EqualTo(panic));
        Assert.That(KernelRunner.PanickedBeforeTheSuite($"{RunContract.ResultsBegin}e30={RunContract.ResultsEnd}\n{panic}\n"), Is.Null);
        Assert.That(KernelRunner.PanickedBeforeTheSuite("reboot: Power down\n"), Is.Null);
    }

    /// <summary>An init that loops forever: the guest never powers off, QEMU is killed, and the column is errors
    /// saying so, with the console's tail. The test stops the guest once it printed its own marker, so it does not
    /// depend on how fast this machine boots a guest.</summary>
    [Test]
    public async Task AGuestThatNeverPowersOffIsKilledAndItsColumnIsErrors()
    {
        using var hang = HangingGuest.Make();
        var outcome = await hang.Run(Accelerator.Here());

        Assert.That(outcome.Failure, Does.Contain("was killed"));
        Assert.That(outcome.Results!.Claims, Has.All.Matches<ClaimResult>(c => c.Verdict == Verdict.Error));
        Assert.That(outcome.Results.Claims.Select(c => c.Row), Is.EquivalentTo(ClaimRows.Expected(Catalogue.Default)), "an error in every expected cell of every family and layer");
        Assert.That(outcome.Results.Claims[0].Note, Does.Contain(HangingGuest.Marker), "the console's tail is in the note");
    }

    /// <summary>A guest that goes quiet is killed for that, however long the run may take in all, and its column of
    /// errors declares the platform of its lane (the kernel's release, the userland's distro and C library), not
    /// this machine's, so the gate reports a column that failed and not an upgrade.</summary>
    [Test]
    public async Task AGuestThatStopsMakingProgressIsKilledAndItsErrorColumnKeepsItsLanesPlatform()
    {
        using var hang = HangingGuest.Make();
        var outcome = await hang.Run(Accelerator.Here(), stall: TimeSpan.FromSeconds(15));

        Assert.That(outcome.Failure, Does.Contain("printed nothing new for 15 s").And.Contain(HangingGuest.Marker));
        var platform = outcome.Results!.Platform;
        Assert.That(platform.Id, Is.EqualTo("linux-kernel-hang-x64-vm"));
        Assert.That(platform.OsVersion, Is.EqualTo(File.ReadAllText(Path.Combine(KernelRunner.KernelDir(hang.Suite), "release")).Trim()), "the guest's kernel, not this machine's");
        if (File.Exists(BootImage.RootfsTarball(Config.Userland)))
        {
            Assert.That(platform.Distro, Does.StartWith("Debian GNU/Linux"));
            Assert.That(platform.Libc, Does.StartWith("glibc "));
        }
    }

    /// <summary>An accelerator whose device opens but whose guests never run (a nested PVM host: QEMU with KVM starts
    /// and prints nothing): the guest is given up after the sign-of-life bound and booted under emulation, and the
    /// accelerator says why for the rest of the sweep.</summary>
    [Test]
    public async Task AnAcceleratorThatOpensButNeverRunsAGuestCostsOneShortProbe()
    {
        using var hang = HangingGuest.Make();
        var device = Path.Combine(hang.Folder, "kvm");
        var qemu = Path.Combine(hang.Folder, "qemu-kvm-never-runs");
        await File.WriteAllTextAsync(device, "");
        await File.WriteAllTextAsync(qemu, $"#!/bin/sh\ncase \"$*\" in *accel=kvm*) exec sleep 600;; esac\nexec '{KernelRunner.Qemu}' \"$@\"\n");
        Sh($"chmod 755 '{qemu}'");
        var accelerator = new Accelerator(qemu, device);
        Assert.That(accelerator.Kvm, "the stand-in device opens, as /dev/kvm does on such a host");

        await hang.Run(accelerator);

        Assert.That(accelerator.Emulated, Does.Contain($"printed nothing within {Accelerator.SignOfLife.TotalSeconds:0} s"),
            "KVM is given up after the sign-of-life bound, and the emulated guest ran its init");
    }

    /// <summary>A guest whose init prints <see cref="Marker"/> and then loops forever.</summary>
    private sealed class HangingGuest : IDisposable
    {
        public const string Marker = "hanging on purpose";
        private readonly Stopwatch _clock = new();

        private HangingGuest(string folder, KernelEntry kernel)
        {
            Folder = folder;
            Kernel = kernel;
        }

        public string Folder { get; }
        private KernelEntry Kernel { get; }
        public string Suite => Kernel.Suite;
        public bool SawMarker { get; private set; }

        public static HangingGuest Make()
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

            var root = Directory.CreateTempSubdirectory("conformance-hang-").FullName;
            Directory.CreateDirectory(Path.Combine(root, "tree", "bin"));
            File.Copy(busybox, Path.Combine(root, "tree", "bin", "busybox"));
            File.WriteAllText(Path.Combine(root, "tree", "init"), $"#!/bin/busybox sh\necho {Marker}\nwhile :; do /bin/busybox sleep 1; done\n");
            Sh($"chmod 755 '{root}/tree/init' '{root}/tree/bin/busybox' && cd '{root}/tree' && find . | cpio -o -H newc --quiet > '{root}/hang.cpio'");
            return new HangingGuest(root, kernel with { Platform = "linux-kernel-hang-x64-vm" });
        }

        /// <summary>Boots the guest and stops it once its marker is on the console, or with <paramref name="stall"/> leaves
        /// it to the runner's stall bound; the far bound only guards the test.</summary>
        public async Task<ColumnOutcome> Run(Accelerator accelerator, TimeSpan? stall = null)
        {
            using var stop = new CancellationTokenSource();
            _clock.Restart();
            var guest = new GuestOptions(stall ?? TimeSpan.FromMinutes(3), accelerator)
            {
                Initramfs = Path.Combine(Folder, "hang.cpio"),
                Stop = stop.Token,
                Limit = TimeSpan.FromMinutes(3),
                OnConsole = line =>
                {
                    if (line.Contains(Marker, StringComparison.Ordinal))
                    {
                        SawMarker = true;
                        if (stall is null)
                        {
                            stop.Cancel();
                        }
                    }
                },
            };
            var outcome = Columns.InLane(await KernelRunner.Run(Kernel, Config.Userland, guest, TestContext.Progress.WriteLine), Kernel.Name);
            Assert.That(SawMarker, "the guest printed its marker before the test's own limit");
            Assert.That(_clock.Elapsed, Is.LessThan(guest.Far(kvm: false)), "stopped on the marker or the stall, not left running");
            return outcome;
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    private static void Sh(string script) =>
        Assert.That(ExternalProgram.Run("/bin/sh", ["-c", script], TimeSpan.FromMinutes(1)).Exit, Is.Zero, script);
}
