using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Readme;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance readme</c>: the generated parts of README.md and docs/, made again from the baselines and tables.</summary>
public static class ReadmeCommand
{
    public static Command Create()
    {
        var baselines = CommonOptions.Baselines("the approved baselines the findings and the host's layer differences come from (default ci/baselines)");
        var check = new Option<bool>("--check") { Description = "write nothing; exit 1 naming each generated part that is out of date" };
        var command = new Command("readme", "refresh the generated parts of README.md and docs/ (the findings by cause, the layer and predicted differences)")
        {
            baselines, check,
        };
        command.Explained("""
            README.md's findings (the causes of every difference the approved columns show), docs/dotnet.md's
            sections on what each .NET layer shows differently from the OS's calls on the host, and docs/columns.md's
            predicted differences are generated: from the baselines (default ci/baselines) and the expectation
            tables. This writes them between their markers.

            Exit code 0 when written (or, with --check, when all are current); 1 with --check when one is out of
            date; 2 on bad input.
            """);
        command.SetAction(parse =>
        {
            var root = Repository.Root();
            var folder = Path.GetFullPath(parse.GetValue(baselines) ?? Path.Combine(root, "ci", "baselines"));
            var stale = new List<string>();
            var documents = new Dictionary<string, string>();
            var changed = new HashSet<string>();
            foreach (var (name, document, make) in ReadmeBlocks.All(folder))
            {
                var text = documents.TryGetValue(document, out var read) ? read : File.ReadAllText(Path.Combine(root, document));
                var content = make();
                if (ReadmeBlocks.Read(text, name) != content.Trim())
                {
                    stale.Add($"{document}: {name}");
                    changed.Add(document);
                    text = ReadmeBlocks.Write(text, name, content);
                }

                documents[document] = text;
            }

            if (parse.GetValue(check))
            {
                Console.WriteLine(stale.Count == 0 ? "README.md and docs/: every generated part is current."
                    : $"out of date: {string.Join(", ", stale)}; run `conformance readme` to refresh them.");
                return stale.Count == 0 ? 0 : 1;
            }

            foreach (var document in changed)
            {
                AtomicFile.Write(Path.Combine(root, document), documents[document]);
            }

            Console.WriteLine(stale.Count == 0 ? "README.md and docs/: every generated part was current." : $"refreshed {string.Join(", ", stale)}.");
            return 0;
        });
        return command;
    }
}
