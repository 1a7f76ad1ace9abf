using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Columns;
using Conformance.Harness.Distros;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance distros</c>: the suite in a container per configured Linux distro.</summary>
public static class DistrosCommand
{
    public static Command Create()
    {
        var sweep = CommonOptions.Sweep("distro", "how long one container may take before its column is errors");
        var command = new Command("distros", "run the suite in a container per Linux distro of ci/distros.json (needs Docker)");
        Array.ForEach(sweep.All, command.Options.Add);
        command.Explained($"""
            Run every claim in a container of each distro of ci/distros.json (Testcontainers; network mode none,
            no ports) and write DIR/<platform-id>.json for each, platform ids ending in -container. Registry
            images run when the engine has them (or {RunContract.Pull}=1 lets it pull); root filesystem entries need
            ci/make-rootfs.sh to have made their tarball. A distro that fails or exceeds the limit gets a column of
            errors with the reason.

            Containers share this machine's kernel: their columns differ in userland (libc, /etc/services) and
            per-namespace settings, not in the TCP stack.

            {Acceptance.Explained}

            Exit code 0, 1 when a distro failed or a column was not accepted, 2 on bad input or when no Docker engine answers.
            """);
        command.SetAction(parse =>
        {
            var distros = DistroConfig.Load(sweep.ConfigPath(parse));
            var chosen = sweep.Chosen(parse, distros, d => d.Name, "distro");
            if (DockerEngine.Unavailable() is { } why)
            {
                throw new BadInputException(why);
            }

            var outcomes = Sweeps.Distros(chosen, sweep.OutDir(parse), sweep.Limit(parse));
            return Acceptance.Report(outcomes, sweep.BaselinesDir(parse), parse.GetValue(sweep.FailOnUpgrade));
        });
        return command;
    }
}
