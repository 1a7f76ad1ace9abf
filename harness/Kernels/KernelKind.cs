using Conformance.Harness.Columns;
using Conformance.Harness.Distros;

namespace Conformance.Harness.Kernels;

/// <summary>Linux kernels booted under QEMU with one userland: `conformance kernels`.</summary>
public sealed class KernelKind : IColumnKind
{
    public string Verb => "kernels";

    public string Summary => "run the suite on several Linux kernels, each booted under QEMU";

    public string Explained => """
        Boot each kernel of ci/distros.json ("kernels") under QEMU with the same minimal Debian userland and no
        network card, run every claim inside, and write DIR/<platform-id>.json (ids like
        linux-kernel-6.1-x64-vm, the full release in osVersion). Unlike distro containers, these columns differ
        in the kernel itself: the TCP/IP stack. Needs qemu-system-x86, busybox-static and cpio;
        ci/fetch-kernels.sh and ci/make-rootfs.sh bookworm-vm make the kernels and the userland. KVM is used
        while it shows it can run a guest (the guest's first console line within 10 s); otherwise the guest is
        killed and it and the rest of the sweep run under software emulation, and the progress says why.

        A guest is killed when it stops making progress: no new console line (its init prints one whenever a
        claim's result is merged or the claims' output grows) for --limit-minutes, or at a far bound on the whole run of a few seconds per
        cell under software emulation (half a second with KVM). A busy machine slows a guest down; it does not
        cost the column.
        """;

    public string Entry => "kernel";

    public (int Minutes, string What) Limit => (3, "how long a guest may go without printing a new result before it is killed and its column is errors");

    public bool InMatrix => true;

    public int AtOnce => Sweeps.SideBySide;

    public string? Unavailable() => KernelRunner.Unavailable();

    public IReadOnlyList<IColumn> Columns(string configPath, TimeSpan limit)
    {
        var (kernels, userland) = DistroConfig.LoadKernels(configPath);
        var guests = new Lazy<GuestOptions>(() => new GuestOptions(limit, Accelerator.Here())); // one accelerator decision for the whole sweep
        return [.. kernels.Select(kernel => new Column(kernel, userland, guests))];
    }

    private sealed record Column(KernelEntry Kernel, string Userland, Lazy<GuestOptions> Guests) : IColumn
    {
        public string Lane => Kernel.Name;

        public PlatformInfo Declared => KernelRunner.Declared(Kernel, Userland, Path.Combine(KernelRunner.KernelDir(Kernel.Suite), "vmlinuz"));

        public ColumnInfo Info => KernelRunner.Column(Kernel, Guests.Value);

        public Task<ColumnOutcome> Run(Action<string> progress) => KernelRunner.Run(Kernel, Userland, Guests.Value, progress);
    }
}
