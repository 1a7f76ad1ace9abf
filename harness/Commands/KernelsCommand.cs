using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Columns;
using Conformance.Harness.Distros;
using Conformance.Harness.Kernels;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance kernels</c>: the suite on several Linux kernels, each booted under QEMU.</summary>
public static class KernelsCommand
{
    public static Command Create()
    {
        var sweep = CommonOptions.Sweep("kernel", "how long a guest may go without printing a new result before it is killed and its column is errors", limitMinutes: 3);
        var command = new Command("kernels", "run the suite on several Linux kernels, each booted under QEMU");
        Array.ForEach(sweep.All, command.Options.Add);
        command.Explained($"""
            Boot each kernel of ci/distros.json ("kernels") under QEMU with the same minimal Debian userland and no
            network card, run every claim inside, and write DIR/<platform-id>.json (ids like
            linux-kernel-6.1-x64-vm, the full release in osVersion). Unlike distro containers, these columns differ
            in the kernel itself: the TCP/IP stack. Needs qemu-system-x86, busybox-static and cpio;
            ci/fetch-kernels.sh and ci/make-rootfs.sh bookworm-vm make the kernels and the userland. KVM is used
            while it shows it can run a guest (the guest's first console line within 10 s); otherwise the guest is
            killed and it and the rest of the sweep run under software emulation, and the progress says why.

            A guest is killed when it stops making progress: no new console line (its init prints one whenever a
            claim's result is merged) for --limit-minutes, or at a far bound on the whole run of a few seconds per
            cell under software emulation (half a second with KVM). A busy machine slows a guest down; it does not
            cost the column.

            {Acceptance.Explained}

            Exit code 0, 1 when a kernel failed or a column was not accepted, 2 on bad input or without QEMU.
            """);
        command.SetAction(parse =>
        {
            var (kernels, userland) = DistroConfig.LoadKernels(sweep.ConfigPath(parse));
            var chosen = sweep.Chosen(parse, kernels, k => k.Name, "kernel");
            if (KernelRunner.Unavailable() is { } why)
            {
                throw new BadInputException(why);
            }

            var outcomes = Sweeps.Kernels(chosen, userland, sweep.OutDir(parse), sweep.Limit(parse));
            return Acceptance.Report(outcomes, sweep.BaselinesDir(parse), parse.GetValue(sweep.FailOnUpgrade));
        });
        return command;
    }
}
