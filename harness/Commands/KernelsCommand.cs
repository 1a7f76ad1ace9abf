using Conformance.Harness.Cli;
using Conformance.Harness.Distros;
using Conformance.Harness.Kernels;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance kernels</c>: the suite on several Linux kernels, each booted under QEMU.</summary>
public static class KernelsCommand
{
    private const string Help = """
        conformance kernels [--config FILE] [--only NAME ...] [--out DIR] [--limit-minutes N]

        Boots each kernel of ci/distros.json ("kernels") under QEMU with the same minimal Debian userland and
        no network card, runs every claim inside, and writes DIR/<platform-id>.json (default DIR:
        artifacts/results; ids like linux-kernel-6.1-x64-vm, the full release in osVersion). Unlike distro
        containers, these columns differ in the kernel itself: the TCP/IP stack.
        Needs qemu-system-x86, busybox-static and cpio; ci/fetch-kernels.sh and ci/make-rootfs.sh bookworm-vm
        make the kernels and the userland. KVM is used when /dev/kvm is usable. A guest that does not power off
        within the limit (default 5 minutes) is killed and its column is errors with the console's tail.
        Exit code 0, 1 when a kernel failed, 2 on bad input or without QEMU.
        """;

    public static int Execute(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        var cli = new CliArgs("kernels", args, new HashSet<string>(), new HashSet<string> { "--config", "--only", "--out", "--limit-minutes" });
        var (kernels, userland) = DistroConfig.LoadKernels(cli.Option("--config") ?? DistroConfig.DefaultPath);
        var only = cli.Options("--only");
        var unknown = only.Except(kernels.Select(k => k.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliException($"no kernel named {string.Join(", ", unknown)} in the configuration; it has {string.Join(", ", kernels.Select(k => k.Name))}");
        }

        if (KernelRunner.Unavailable() is { } why)
        {
            throw new CliException(why);
        }

        var outDir = Path.GetFullPath(cli.Option("--out") ?? Path.Combine(RunCommand.Root(), "artifacts", "results"));
        var outcomes = Sweep(kernels.Where(k => only.Count == 0 || only.Contains(k.Name)).ToList(), userland, outDir, TimeSpan.FromMinutes(cli.IntOption("--limit-minutes", 5)));
        return outcomes.Any(o => o.Failure is not null) ? 1 : 0;
    }

    public static List<Columns.ColumnOutcome> Sweep(IReadOnlyList<KernelEntry> kernels, string userland, string outDir, TimeSpan limit)
    {
        Console.WriteLine($"Booting {kernels.Count} kernel(s) under QEMU, one at a time...");
        var outcomes = KernelRunner.RunAll(kernels, userland, outDir, limit, Console.WriteLine).GetAwaiter().GetResult();
        Console.WriteLine(Columns.Columns.Report(outcomes));
        return outcomes;
    }
}
