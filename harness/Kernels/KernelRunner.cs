using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Conformance.Harness.Columns;
using Conformance.Harness.Distros;

namespace Conformance.Harness.Kernels;

/// <summary>Boots each kernel under QEMU with no network card, the shared initramfs, a memory and time limit, KVM
/// when /dev/kvm is usable and software emulation otherwise, and reads the results off the serial console.
/// A guest that hangs is killed at the limit and its column is errors with the console's tail.</summary>
public static class KernelRunner
{
    public static string Qemu => new[] { "/usr/bin/qemu-system-x86_64", "/usr/local/bin/qemu-system-x86_64" }.FirstOrDefault(File.Exists) ?? "";

    /// <summary>Why kernel columns cannot run here, or null.</summary>
    public static string? Unavailable() =>
        !OperatingSystem.IsLinux() ? "kernel columns boot Linux kernels under QEMU on a Linux host"
        : Qemu.Length == 0 ? "QEMU is not installed: apt-get install qemu-system-x86 (and busybox-static, cpio)"
        : null;

    private static bool _kvmRefused;

    public static string KernelDir(string suite) => Path.Combine(Payload.CacheRoot, "kernels", suite);

    public static bool KvmUsable()
    {
        try
        {
            using var kvm = File.Open("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static async Task<List<ColumnOutcome>> RunAll(IReadOnlyList<KernelEntry> kernels, string userland, string outDir, TimeSpan limit, Cli.IProgress progress)
    {
        var outcomes = new List<ColumnOutcome>();
        foreach (var kernel in kernels) // one guest at a time: each gets both cores
        {
            var outcome = await RunOne(kernel, userland, limit, line => progress.Line($"[{kernel.Name}] {line}"));
            if (outcome.Results is { } results)
            {
                results.Save(Path.Combine(outDir, $"{results.Platform.Id}.json"));
            }

            progress.Step(Sweeps.Finished(outcome));
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    /// <summary>One kernel's column, in the lane named by the kernel entry.</summary>
    public static async Task<ColumnOutcome> RunOne(KernelEntry kernel, string userland, TimeSpan limit, Action<string> progress, string? initramfsOverride = null) =>
        Columns.Columns.InLane(await Run(kernel, userland, limit, progress, initramfsOverride));

    private static async Task<ColumnOutcome> Run(KernelEntry kernel, string userland, TimeSpan limit, Action<string> progress, string? initramfsOverride)
    {
        var vmlinuz = Path.Combine(KernelDir(kernel.Suite), "vmlinuz");
        if (!File.Exists(vmlinuz))
        {
            var why = $"no kernel for {kernel.Suite} at {vmlinuz}: run ci/fetch-kernels.sh {kernel.Suite}";
            progress($"skipped: {why}");
            return new ColumnOutcome(kernel.Name, kernel.Platform, null, why, null);
        }

        var console = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var initramfs = initramfsOverride ?? await BootImage.For(userland, progress);
            var release = File.ReadAllText(Path.Combine(Path.GetDirectoryName(vmlinuz)!, "release")).Trim();
            var kvm = KvmUsable() && !_kvmRefused;
            progress($"booting {release} ({(kvm ? "KVM" : "software emulation")})");
            var exit = await Boot(vmlinuz, initramfs, kernel.Platform, kvm, limit, console);
            if (kvm && exit is not (null or 0) && !console.ToString().Contains(BootImage.Begin, StringComparison.Ordinal) && stopwatch.Elapsed < TimeSpan.FromSeconds(20))
            {
                // /dev/kvm can exist and still refuse this CPU model (nested virtualisation): emulate instead.
                _kvmRefused = true;
                progress($"KVM refused the guest ({console.ToString().Split('\n')[0].Trim()}); booting under software emulation");
                console.Clear();
                exit = await Boot(vmlinuz, initramfs, kernel.Platform, kvm: false, limit, console);
            }
            if (PanickedBeforeTheSuite(console.ToString()) is { } panic)
            {
                // Seen once with the testing kernel under emulation ("Fatal exception in interrupt" 2 s into boot):
                // the suite never started, so nothing was observed; one more boot decides.
                progress($"the guest's kernel panicked before the suite started ({panic}); booting once more");
                console.Clear();
                exit = await Boot(vmlinuz, initramfs, kernel.Platform, kvm && !_kvmRefused, limit, console);
            }

            var text = console.ToString();
            var begin = text.IndexOf(BootImage.Begin, StringComparison.Ordinal);
            var end = text.IndexOf(BootImage.End, StringComparison.Ordinal);
            if (exit is null)
            {
                throw new TimeoutException($"the guest did not power off within {limit.TotalMinutes:0.#} min and was killed");
            }

            if (begin < 0 || end < begin)
            {
                throw new InvalidOperationException($"the guest powered off (QEMU exit {exit}) without printing its results");
            }

            var base64 = text[(begin + BootImage.Begin.Length)..end].Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
            var results = JsonSerializer.Deserialize<ResultsFile>(Convert.FromBase64String(base64), Json.Options)
                ?? throw new InvalidOperationException("the guest printed an empty results file");
            progress($"{Columns.Columns.Summary(results)} in {stopwatch.Elapsed.TotalSeconds:0} s");
            return new ColumnOutcome(kernel.Name, kernel.Platform, results, null, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            var tail = string.Join(" / ", console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));
            progress($"error: {reason}");
            var column = Columns.Columns.ErrorColumn(kernel.Name, "guest", kernel.Platform, $"Debian {userland} on QEMU", null, reason, tail);
            return new ColumnOutcome(kernel.Name, kernel.Platform, column, null, reason);
        }
    }

    /// <summary>The kernel's panic line when the guest panicked before the suite printed anything, else null.</summary>
    public static string? PanickedBeforeTheSuite(string console) =>
        console.Contains(BootImage.Begin, StringComparison.Ordinal) ? null
        : console.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Kernel panic", StringComparison.Ordinal));

    /// <summary>Runs QEMU until the guest powers off (its exit code) or the limit passes (null, QEMU killed).</summary>
    private static async Task<int?> Boot(string vmlinuz, string initramfs, string platform, bool kvm, TimeSpan limit, StringBuilder console)
    {
        string[] args =
        [
            "-machine", kvm ? "accel=kvm" : "accel=tcg", "-cpu", kvm ? "host" : "max", "-smp", "2", "-m", "3072",
            "-kernel", vmlinuz, "-initrd", initramfs,
            "-append", $"console=ttyS0 panic=-1 quiet CONFORMANCE_PLATFORM_ID={platform}",
            "-nic", "none", "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot",
        ];
        var result = await ExternalProgram.RunAsync(Qemu, args, limit, onLine: line =>
        {
            lock (console)
            {
                console.AppendLine(line);
            }
        });
        return result.Exit;
    }
}
