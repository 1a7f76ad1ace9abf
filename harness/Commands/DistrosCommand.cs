using Conformance.Harness.Cli;
using Conformance.Harness.Distros;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance distros</c>: the suite in a container per configured Linux distro.</summary>
public static class DistrosCommand
{
    private const string Help = """
        conformance distros [--config FILE] [--only NAME ...] [--out DIR] [--limit-minutes N]

        Runs every claim in a container of each distro of ci/distros.json (Testcontainers; network mode none,
        no ports) and writes DIR/<platform-id>.json for each (default DIR: artifacts/results), platform ids
        ending in -container. Registry images run when the engine has them (or CONFORMANCE_PULL=1 lets it
        pull); root filesystem entries need ci/make-rootfs.sh to have made their tarball. A distro that fails
        or exceeds the limit (default 5 minutes) gets a column of errors with the reason.

        Containers share this machine's kernel: their columns differ in userland (libc, /etc/services) and
        per-namespace settings, not in the TCP stack.

        Exit code 0, 1 when a distro failed, 2 on bad input or when no Docker engine answers.
        """;

    public static int Execute(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        var cli = new CliArgs("distros", args, new HashSet<string>(), new HashSet<string> { "--config", "--only", "--out", "--limit-minutes" });
        var distros = DistroConfig.Load(cli.Option("--config") ?? DistroConfig.DefaultPath);
        var only = cli.Options("--only");
        var unknown = only.Except(distros.Select(d => d.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliException($"no distro named {string.Join(", ", unknown)} in the configuration; it has {string.Join(", ", distros.Select(d => d.Name))}");
        }

        var outDir = Path.GetFullPath(cli.Option("--out") ?? Path.Combine(RunCommand.Root(), "artifacts", "results"));
        var limit = TimeSpan.FromMinutes(cli.IntOption("--limit-minutes", 5));
        if (DockerEngine.Unavailable() is { } why)
        {
            throw new CliException(why);
        }

        var outcomes = Sweep(distros.Where(d => only.Count == 0 || only.Contains(d.Name)).ToList(), outDir, limit);
        return outcomes.Any(o => o.Failure is not null) ? 1 : 0;
    }

    /// <summary>The sweep with progress on the console; also the distro part of `conformance matrix`.</summary>
    public static List<Columns.ColumnOutcome> Sweep(IReadOnlyList<Distro> distros, string outDir, TimeSpan limit)
    {
        Console.WriteLine($"Running the suite in {distros.Count} distro container(s), {Environment.ProcessorCount} at a time...");
        var gate = new Lock();
        var outcomes = DistroRunner.RunAll(distros, outDir, limit, line =>
        {
            lock (gate)
            {
                Console.WriteLine(line);
            }
        }).GetAwaiter().GetResult();
        Console.WriteLine(Columns.Columns.Report(outcomes));
        return outcomes;
    }
}
