using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Conformance.Harness.Columns;
using Conformance.Harness.Distros;
using Conformance.Harness.Runs;

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

    /// <summary>One kernel's column (the sweep puts it in the lane named by the kernel entry).</summary>
    public static async Task<ColumnOutcome> Run(KernelEntry kernel, string userland, GuestOptions guest, Action<string> progress)
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
            if (exit.Killed is { } killed)
            {
                throw new TimeoutException(killed);
            }

            if (begin < 0 || end < begin)
            {
                throw new InvalidOperationException($"the guest powered off (QEMU exit {exit.Exit}) without printing its results");
            }

            var base64 = text[(begin + RunContract.ResultsBegin.Length)..end].Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(Convert.FromBase64String(base64)), System.IO.Compression.CompressionMode.Decompress);
            var results = JsonSerializer.Deserialize<ResultsFile>(gzip, Json.Options)
                ?? throw new InvalidOperationException("the guest printed an empty results file");
            progress($"{Columns.Columns.Summary(results)} in {stopwatch.Elapsed.TotalSeconds:0} s");
            return new ColumnOutcome(kernel.Name, kernel.Platform, results with { Column = Columns.Columns.WithRunMode(Column(kernel, guest), results) }, null, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            var log = console.ToString();
            progress($"error: {reason}");
            var column = Columns.Columns.ErrorColumn(kernel.Name, "guest", Declared(kernel, userland, vmlinuz), Column(kernel, guest), reason, Columns.Columns.Tail(log));
            return new ColumnOutcome(kernel.Name, kernel.Platform, column, null, reason) { Log = log };
        }
    }

    /// <summary>The platform a kernel column stands for without its guest's word: the kernel's release (written beside
    /// it by ci/fetch-kernels.sh) and the userland's distro and C library.</summary>
    public static PlatformInfo Declared(KernelEntry kernel, string userland, string vmlinuz)
    {
        var release = Path.Combine(Path.GetDirectoryName(vmlinuz)!, "release");
        return Columns.Columns.Declared(kernel.Platform, File.Exists(release) ? File.ReadAllText(release).Trim() : kernel.Suite,
            RootfsFacts.Of(BootImage.RootfsTarball(userland), $"Debian {userland} on QEMU"), container: null);
    }

    /// <summary>A kernel's column, saying how its guest ran: with KVM, or emulated and why.</summary>
    public static ColumnInfo Column(KernelEntry kernel, GuestOptions guest) =>
        ColumnInfo.Of(ColumnKinds.Kernel, kernel.Label, guest.Accelerator.Emulated is { } why ? $"QEMU, software emulation ({why})" : "QEMU with KVM");

    /// <summary>The kernel's panic line when the guest panicked before the suite printed anything, else null.</summary>
    public static string? PanickedBeforeTheSuite(string console) =>
        console.Contains(RunContract.ResultsBegin, StringComparison.Ordinal) ? null
        : console.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Kernel panic", StringComparison.Ordinal));

    /// <summary>Boots the guest until it powers off (QEMU's exit code) or is killed (null). With KVM, a guest that
    /// prints nothing of its own within <see cref="Accelerator.SignOfLife"/>, or that QEMU gives up on before it
    /// does, is killed and booted under software emulation, as every later guest of the sweep is.</summary>
    private static async Task<GuestExit> Boot(string vmlinuz, string initramfs, string platform, GuestOptions guest, StringBuilder console, Action<string> progress)
    {
        if (guest.Accelerator.Kvm)
        {
            var (exit, alive) = await Start(vmlinuz, initramfs, platform, guest, kvm: true, console);
            if (alive)
            {
                return exit;
            }

            var said = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            guest.Accelerator.Refuse(exit.Exit is null
                ? $"the guest printed nothing within {Accelerator.SignOfLife.TotalSeconds:0} s"
                : $"QEMU stopped (exit {exit.Exit}) before the guest printed anything{(said is null ? "" : $": {said}")}");
            progress($"{guest.Accelerator.Emulated}; software emulation for the rest of the sweep");
            console.Clear();
        }

        return (await Start(vmlinuz, initramfs, platform, guest, kvm: false, console)).Exit;
    }

    /// <summary>Runs QEMU once: how it ended, and whether the guest printed a line of its own (QEMU's own messages,
    /// "qemu-system-x86_64: ...", are not the guest's). The guest is killed when it stops making progress (no console
    /// line for <see cref="GuestOptions.Stall"/>: the init prints a line whenever a claim's result is merged or the claims' output grows), or at the
    /// far bound for the whole run; never because the machine is busy, which only slows every line down.</summary>
    private static async Task<(GuestExit Exit, bool Alive)> Start(string vmlinuz, string initramfs, string platform, GuestOptions guest, bool kvm, StringBuilder console)
    {
        string[] args =
        [
            "-machine", kvm ? "accel=kvm" : "accel=tcg", "-cpu", kvm ? "host" : "max", "-smp", "2", "-m", "3072",
            "-kernel", vmlinuz, "-initrd", initramfs,
            // Not quiet: the kernel's banner is the guest's first sign of life. The init turns the console's log
            // level down before the suite runs, so no kernel message lands inside the results.
            // Under software emulation every vCPU is a host thread, and guests run side by side: one claim process
            // at a time in the guest (each in a namespace of its own) keeps the host's cores from being oversubscribed.
            // Measured: alone, a guest ran its three processes in 104 s at once against 142 s one at a time, on the
            // same CPU time; but two guests side by side, beside Wine, took 280 s each at once against about 220 s,
            // and starved Wine's timings and a guest's own.
            "-append", $"console=ttyS0 panic=-1 {RunContract.PlatformId}={platform}{(kvm ? "" : $" {RunContract.AtOnce}=1")}",
            "-nic", "none", "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot",
        ];
        var alive = false;
        var silenced = false;
        var far = guest.Far(kvm);
        var lastLine = Stopwatch.StartNew();
        string? killed = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(guest.Stop);
        void Kill(string why)
        {
            Interlocked.CompareExchange(ref killed, why, null);
            stop.Cancel();
        }

        using var probe = kvm
            ? new Timer(_ =>
            {
                lock (console)
                {
                    silenced = !alive;
                }

                if (silenced)
                {
                    Kill($"the guest printed nothing within {Accelerator.SignOfLife.TotalSeconds:0} s");
                }
            }, null, Accelerator.SignOfLife, Timeout.InfiniteTimeSpan)
            : null;
        using var stalled = new Timer(_ =>
        {
            string? why = null;
            lock (console)
            {
                if (lastLine.Elapsed > guest.Stall)
                {
                    why = $"the guest printed nothing new for {Minutes(guest.Stall)} (its last line: {Last(console)}) and was killed";
                }
            }

            if (why is not null)
            {
                Kill(why);
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var result = await ExternalProgram.RunAsync(guest.Accelerator.Qemu, args, far, onLine: line =>
        {
            lock (console)
            {
                console.AppendLine(line);
                lastLine.Restart();
                alive |= !silenced && !line.StartsWith("qemu-system", StringComparison.Ordinal) && line.Trim().Length > 0;
            }

            guest.OnConsole?.Invoke(line);
        }, stop: stop.Token);
        lock (console)
        {
            var why = result.Exit is not null ? null
                : guest.Stop.IsCancellationRequested ? "the guest was stopped before it powered off, and was killed"
                : killed ?? $"the guest did not power off within {Minutes(far)}, the bound for a whole run {(kvm ? "with KVM" : "under software emulation")}, and was killed";
            return (new GuestExit(result.Exit, why), alive);
        }
    }

    private static string Minutes(TimeSpan span) => span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";

    private static string Last(StringBuilder console)
    {
        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "none" : lines[^1].Length > 120 ? lines[^1][..120] + "..." : lines[^1];
    }
}

/// <summary>How QEMU ended: its exit code, or why it was killed.</summary>
public sealed record GuestExit(int? Exit, string? Killed);

/// <summary>How a kernel column's guest runs: how long it may go without a new console line (<see cref="Stall"/>),
/// the accelerator the sweep shares, and for tests an initramfs of their own, a watcher of the console, a way to stop
/// the guest and a far bound of their own.</summary>
public sealed record GuestOptions(TimeSpan Stall, Accelerator Accelerator)
{
    public string? Initramfs { get; init; }
    public Action<string>? OnConsole { get; init; }
    public CancellationToken Stop { get; init; }

    /// <summary>The far bound on a whole run, when not the computed one.</summary>
    public TimeSpan? Limit { get; init; }

    /// <summary>A whole run's far bound: a time per cell of the catalogue, several times what a guest was seen to take
    /// with both cores busy (kernel 5.10 under emulation: 97 s idle, 260 s beside four busy loops, for 374 cells), and
    /// never less than the stall bound and a boot.</summary>
    public TimeSpan Far(bool kvm)
    {
        if (Limit is { } limit)
        {
            return limit;
        }

        var cells = ClaimRows.Cells(Catalogue.Default).Count();
        var perCell = kvm ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(3);
        return TimeSpan.FromTicks(Math.Max(perCell.Ticks * cells, (Stall + TimeSpan.FromMinutes(5)).Ticks));
    }
}
