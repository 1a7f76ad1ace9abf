using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Readme;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance readme</c>: README.md's generated parts, made again from the baselines and tables.</summary>
public static class ReadmeCommand
{
    public static Command Create()
    {
        var baselines = CommonOptions.Baselines("the approved baselines the findings and the host's layer differences come from (default ci/baselines)");
        var check = new Option<bool>("--check") { Description = "write nothing; exit 1 naming each generated part that is out of date" };
        var command = new Command("readme", "refresh README.md's generated parts (the findings, the layer and predicted differences)")
        {
            baselines, check,
        };
        command.Explained("""
            README.md's findings (where the approved columns disagree), its sections on what each .NET layer shows
            differently from the OS's calls on the host, and its predicted differences are generated: from the
            baselines (default ci/baselines) and the expectation tables. This writes them between their markers.

            Exit code 0 when written (or, with --check, when all are current); 1 with --check when one is out of
            date; 2 on bad input.
            """);
        command.SetAction(parse =>
        {
            var root = Repository.Root();
            var path = Path.Combine(root, "README.md");
            var folder = Path.GetFullPath(parse.GetValue(baselines) ?? Path.Combine(root, "ci", "baselines"));
            var readme = File.ReadAllText(path);
            var updated = readme;
            var stale = new List<string>();
            foreach (var (name, make) in ReadmeBlocks.All(folder))
            {
                var content = make();
                if (ReadmeBlocks.Read(updated, name) != content.Trim())
                {
                    stale.Add(name);
                    updated = ReadmeBlocks.Write(updated, name, content);
                }
            }

            if (parse.GetValue(check))
            {
                Console.WriteLine(stale.Count == 0 ? "README.md: every generated part is current."
                    : $"README.md: out of date: {string.Join(", ", stale)}; run `conformance readme` to refresh them.");
                return stale.Count == 0 ? 0 : 1;
            }

            if (stale.Count > 0)
            {
                AtomicFile.Write(path, updated);
            }

            Console.WriteLine(stale.Count == 0 ? "README.md: every generated part was current." : $"README.md: refreshed {string.Join(", ", stale)}.");
            return 0;
        });
        return command;
    }
}
