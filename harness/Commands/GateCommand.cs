using System.CommandLine;
using System.Text;
using Conformance.Harness.Cli;
using Conformance.Harness.Runs;
using Conformance.Harness.Gate;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance gate</c>: each lane's fresh results against its approved baseline. A changed cell, an
/// upgraded platform, a lane that did not run and a lane never approved all fail.</summary>
public static class GateCommand
{
    public static Command Create()
    {
        var baselinesOption = CommonOptions.Baselines("the approved baselines, one per lane (e.g. ci/baselines)");
        baselinesOption.Required = true;
        var inputs = CommonOptions.In("fresh results files or folders of them (repeatable)");
        inputs.Required = true;
        var laneOption = CommonOptions.Lane("gate this lane only; a single fresh results file is gated as this lane");
        var summaryOption = CommonOptions.Summary("where the markdown report goes (default artifacts/gate.md)");
        var proposeOption = new Option<string?>("--propose") { Description = "write the fresh results of every lane that needs approval to DIR/<lane>.json", HelpName = "DIR" };
        var allowNewOption = new Option<bool>("--allow-new") { Description = "a lane without a baseline is reported but does not fail" };
        var failOnUpgradeOption = CommonOptions.FailOnUpgrade();
        var approvalOption = new Option<string?>("--approval")
        {
            Description = "the approval command the report gives its reader (default: `conformance approve` of these files, which works only where they are; a CI job names one that works where its reader is)",
            HelpName = "COMMAND",
        };
        var command = new Command("gate", "compare each lane's fresh results with its approved baseline; a changed cell, a missing lane or an unapproved one fails")
        {
            baselinesOption, inputs, laneOption, summaryOption, proposeOption, allowNewOption, failOnUpgradeOption, approvalOption,
        };
        command.Explained("""
            Compare each lane's fresh results with its approved baseline (DIR/<lane>.json). A lane is a stable CI
            slot (host, ubuntu-24.04, debian-12, kernel-testing, gvisor); the platform that ran in it may change.
            Fails (exit 1) on any of:
              - a changed verdict or observed value (timings are not compared);
              - with --fail-on-upgrade, an upgrade: the lane's platform (OS version, kernel, distro, libc, runtime,
                sandbox) changed, even when no cell did. Without it, an upgrade whose every cell is as approved
                passes and is named ("Upgrade host: osVersion A -> B; every cell as approved"), since a runner image
                takes a kernel patch about weekly; `conformance approve` records the new platform;
              - a lane with a baseline but no fresh results (re-run it, or remove its baseline on purpose with
                `conformance approve --remove LANE`);
              - a lane with fresh results but no baseline, unless --allow-new.

            Exit code 0 when every lane is as approved, 1 otherwise, 2 on bad input.
            After review, `conformance approve` makes the fresh results the new baselines.
            """);
        command.SetAction(parse => Run(
            parse.GetValue(baselinesOption) ?? throw new BadInputException("gate needs --baselines DIR (the approved results, e.g. ci/baselines)"),
            parse.GetValue(inputs) ?? [], parse.GetValue(laneOption), parse.GetValue(summaryOption) ?? Repository.Artifacts("gate.md"),
            parse.GetValue(proposeOption), parse.GetValue(allowNewOption), parse.GetValue(failOnUpgradeOption), parse.GetValue(approvalOption)));
        return command;
    }

    private static int Run(string folder, string[] inputs, string? lane, string summary, string? propose, bool allowNew, bool failOnUpgrade, string? approval)
    {
        if (inputs.Length == 0)
        {
            throw new BadInputException("gate needs --in DIR (fresh results, e.g. from `conformance run --out DIR`)");
        }

        var baselines = ResultsSet.Baselines(folder);
        var fresh = ResultsSet.ByLane(inputs);
        if (fresh.Count == 0)
        {
            throw new BadInputException($"no results files in {string.Join(", ", inputs)}");
        }

        if (lane is not null)
        {
            (baselines, fresh) = OneLane(lane, baselines, fresh, folder);
        }

        var report = LaneGate.Compare(baselines, fresh, Catalogue.Default);
        var command = approval ?? $"conformance approve --in {(propose ?? string.Join(" --in ", inputs))} --baselines {folder}" + (lane is not null ? $" --lane {lane}" : "");
        if (propose is not null)
        {
            foreach (var name in report.ToApprove)
            {
                Baselines.Write(fresh[name], propose);
            }
        }

        Report(report, allowNew, failOnUpgrade, folder, command, summary);
        return report.Clean(allowNew, failOnUpgrade) ? 0 : 1;
    }

    /// <summary>Only <paramref name="lane"/>; a single fresh file is taken as that lane's run whatever it says.</summary>
    private static (Dictionary<string, ResultsFile>, Dictionary<string, ResultsFile>) OneLane(
        string lane, Dictionary<string, ResultsFile> baselines, Dictionary<string, ResultsFile> fresh, string folder)
    {
        if (!baselines.ContainsKey(ResultsSet.LaneName(lane)) && !fresh.ContainsKey(lane))
        {
            throw new BadInputException($"lane '{lane}' matches no baseline in {folder} and no results file; the lanes there are: {string.Join(", ", baselines.Keys.Concat(fresh.Keys).Distinct().Order(StringComparer.Ordinal))}");
        }

        return (baselines.Where(b => b.Key == lane).ToDictionary(), ResultsSet.AsLane(fresh, lane).Where(f => f.Key == lane).ToDictionary());
    }

    private static void Report(GateReport report, bool allowNew, bool failOnUpgrade, string folder, string approve, string summary)
    {
        var clean = report.Clean(allowNew, failOnUpgrade);
        var headline = clean
            ? $"Gate: {report.Compared} lane(s) compared with {folder}, no change"
              + (report.Upgrades.Count > 0 ? $" in any cell ({report.Upgrades.Count} upgraded platform(s), named below)." : ".")
            : $"Gate: {report.Compared} lane(s) compared with {folder}: {(report.Failed.Count > 0 ? $"{report.Failed.Count} failed column(s), " : "")}{report.Changes.Count} changed cell(s), {report.Upgrades.Count} upgraded platform(s), "
              + $"{report.Missing.Count} lane(s) without fresh results, {report.New.Count} lane(s) without a baseline.";
        var text = new StringBuilder(headline).AppendLine();
        var md = new StringBuilder($"## Conformance gate\n\n{MarkdownText.Text(headline)}\n\n");
        void Item(string line)
        {
            text.AppendLine(line);
            md.Append("- ").Append(MarkdownText.Text(line)).Append('\n'); // platform strings come from other machines
        }

        foreach (var failed in report.Failed)
        {
            Item($"Failed lane {failed} (re-run it; its run's log is beside its results file)");
        }

        foreach (var upgrade in report.Upgrades)
        {
            Item($"Upgrade {upgrade}" + (!report.Unchanged(upgrade) ? "; cells changed (below)"
                : failOnUpgrade ? "; every cell as approved, but --fail-on-upgrade: the upgrade itself needs approval"
                : "; every cell as approved (passes; approve to record the new platform)"));
        }

        if (report.Changes.Count > 0)
        {
            text.AppendLine(ChangeTable.Text(report.Changes));
            md.Append('\n').Append(ChangeTable.Markdown(report.Changes)).Append('\n');
        }

        foreach (var lane in report.Missing)
        {
            Item($"Missing lane {lane}: approved in {folder}, but no fresh results. Re-run it, or remove its baseline on purpose: conformance approve --remove {lane} --baselines {folder}");
        }

        foreach (var file in report.New)
        {
            Item($"New lane {file.Lane} ({file.Platform.Id}): no baseline in {folder}" + (allowNew ? " (allowed: --allow-new)" : "; review its results and approve them to start gating it"));
        }

        if (report.ToApprove.Any())
        {
            var what = clean ? "To record them in the baselines" : "After review, approve with";
            text.AppendLine($"{what}: {approve}");
            md.Append($"\n{what}:\n\n```sh\n{approve}\n```\n");
        }

        Console.Write(text.ToString());
        AtomicFile.Write(summary, md.ToString());
    }
}
