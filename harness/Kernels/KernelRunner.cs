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

    public static string KernelDir(string suite) => Path.Combine(Payload.CacheRoot, "kernels", suite);

    /// <summary>One kernel's column, in the lane named by the kernel entry.</summary>
    public static async Task<ColumnOutcome> RunOne(KernelEntry kernel, string userland, GuestOptions guest, Action<string> progress) =>
        Columns.Columns.InLane(await Run(kernel, userland, guest, progress));

    private static async Task<ColumnOutcome> Run(KernelEntry kernel, string userland, GuestOptions guest, Action<string> progress)
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
            var initramfs = guest.Initramfs ?? await BootImage.For(userland, progress);
            var release = File.ReadAllText(Path.Combine(Path.GetDirectoryName(vmlinuz)!, "release")).Trim();
            progress($"booting {release} ({guest.Accelerator.Emulated switch { null => "KVM", var why => $"software emulation: {why}" }})");
            var exit = await Boot(vmlinuz, initramfs, kernel.Platform, guest, console, progress);
            if (PanickedBeforeTheSuite(console.ToString()) is { } panic)
            {
                // Seen once with the testing kernel under emulation ("Fatal exception in interrupt" 2 s into boot):
                // the suite never started, so nothing was observed; one more boot decides.
                progress($"the guest's kernel panicked before the suite started ({panic}); booting once more");
                console.Clear();
                exit = await Boot(vmlinuz, initramfs, kernel.Platform, guest, console, progress);
            }

            var text = console.ToString();
            var begin = text.IndexOf(RunContract.ResultsBegin, StringComparison.Ordinal);
            var end = text.IndexOf(RunContract.ResultsEnd, StringComparison.Ordinal);
            if (exit is null)
            {
                throw new TimeoutException(guest.Stop.IsCancellationRequested
                    ? "the guest was stopped before it powered off, and was killed"
                    : $"the guest did not power off within {guest.Limit.TotalMinutes:0.#} min and was killed");
            }

            if (begin < 0 || end < begin)
            {
                throw new InvalidOperationException($"the guest powered off (QEMU exit {exit}) without printing its results");
            }

            var base64 = text[(begin + RunContract.ResultsBegin.Length)..end].Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
            var results = JsonSerializer.Deserialize<ResultsFile>(Convert.FromBase64String(base64), Json.Options)
                ?? throw new InvalidOperationException("the guest printed an empty results file");
            progress($"{Columns.Columns.Summary(results)} in {stopwatch.Elapsed.TotalSeconds:0} s");
            return new ColumnOutcome(kernel.Name, kernel.Platform, results with { Column = Columns.Columns.WithRunMode(Column(kernel, guest), results) }, null, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            var tail = string.Join(" / ", console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));
            progress($"error: {reason}");
            var column = Columns.Columns.ErrorColumn(kernel.Name, "guest", kernel.Platform, $"Debian {userland} on QEMU", null, Column(kernel, guest), reason, tail);
            return new ColumnOutcome(kernel.Name, kernel.Platform, column, null, reason);
        }
    }

    /// <summary>A kernel's column, saying how its guest ran: with KVM, or emulated and why.</summary>
    private static ColumnInfo Column(KernelEntry kernel, GuestOptions guest) =>
        ColumnInfo.Of(ColumnKinds.Kernel, kernel.Label, guest.Accelerator.Emulated is { } why ? $"QEMU, software emulation ({why})" : "QEMU with KVM");

    /// <summary>The kernel's panic line when the guest panicked before the suite printed anything, else null.</summary>
    public static string? PanickedBeforeTheSuite(string console) =>
        console.Contains(RunContract.ResultsBegin, StringComparison.Ordinal) ? null
        : console.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Kernel panic", StringComparison.Ordinal));

    /// <summary>Boots the guest until it powers off (QEMU's exit code) or is killed (null). With KVM, a guest that
    /// prints nothing of its own within <see cref="Accelerator.SignOfLife"/>, or that QEMU gives up on before it
    /// does, is killed and booted under software emulation, as every later guest of the sweep is.</summary>
    private static async Task<int?> Boot(string vmlinuz, string initramfs, string platform, GuestOptions guest, StringBuilder console, Action<string> progress)
    {
        if (guest.Accelerator.Kvm)
        {
            var (exit, alive) = await Start(vmlinuz, initramfs, platform, guest, kvm: true, console);
            if (alive)
            {
                return exit;
            }

            var said = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            guest.Accelerator.Refuse(exit is null
                ? $"the guest printed nothing within {Accelerator.SignOfLife.TotalSeconds:0} s"
                : $"QEMU stopped (exit {exit}) before the guest printed anything{(said is null ? "" : $": {said}")}");
            progress($"{guest.Accelerator.Emulated}; software emulation for the rest of the sweep");
            console.Clear();
        }

        return (await Start(vmlinuz, initramfs, platform, guest, kvm: false, console)).Exit;
    }

    /// <summary>Runs QEMU once: its exit code (null when killed), and whether the guest printed a line of its own
    /// (QEMU's own messages, "qemu-system-x86_64: ...", are not the guest's).</summary>
    private static async Task<(int? Exit, bool Alive)> Start(string vmlinuz, string initramfs, string platform, GuestOptions guest, bool kvm, StringBuilder console)
    {
        string[] args =
        [
            "-machine", kvm ? "accel=kvm" : "accel=tcg", "-cpu", kvm ? "host" : "max", "-smp", "2", "-m", "3072",
            "-kernel", vmlinuz, "-initrd", initramfs,
            // Not quiet: the kernel's banner is the guest's first sign of life. The init turns the console's log
            // level down before the suite runs, so no kernel message lands inside the results.
            // Under software emulation every vCPU is a host thread, and guests already run side by side: one claim
            // process at a time in the guest (each in a namespace of its own) keeps the host's cores from being
            // oversubscribed; measured, several at once made a guest 15-25% slower.
            "-append", $"console=ttyS0 panic=-1 {RunContract.PlatformId}={platform}{(kvm ? "" : $" {RunContract.AtOnce}=1")}",
            "-nic", "none", "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot",
        ];
        var alive = false;
        var silenced = false;
        using var silent = CancellationTokenSource.CreateLinkedTokenSource(guest.Stop);
        using var probe = kvm
            ? new Timer(_ =>
            {
                lock (console)
                {
                    if (!alive)
                    {
                        silenced = true;
                        silent.Cancel();
                    }
                }
            }, null, Accelerator.SignOfLife, Timeout.InfiniteTimeSpan)
            : null;
        var result = await ExternalProgram.RunAsync(guest.Accelerator.Qemu, args, guest.Limit, onLine: line =>
        {
            lock (console)
            {
                console.AppendLine(line);
                alive |= !silenced && !line.StartsWith("qemu-system", StringComparison.Ordinal) && line.Trim().Length > 0;
            }

            guest.OnConsole?.Invoke(line);
        }, stop: silent.Token);
        lock (console)
        {
            return (result.Exit, alive);
        }
    }
}

/// <summary>How a kernel column's guest runs: its time limit, the accelerator the sweep shares, and for tests an
/// initramfs of their own, a watcher of the console and a way to stop the guest.</summary>
public sealed record GuestOptions(TimeSpan Limit, Accelerator Accelerator)
{
    public string? Initramfs { get; init; }
    public Action<string>? OnConsole { get; init; }
    public CancellationToken Stop { get; init; }
}
