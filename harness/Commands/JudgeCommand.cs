using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Judging;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance judge</c>: results files judged again with the current catalogue and expectation tables.</summary>
public static class JudgeCommand
{
    public static Command Create()
    {
        var inputs = CommonOptions.In("results files or folders of them (repeatable)");
        inputs.Required = true;
        var outDir = CommonOptions.Out("where the judged files go, under their own names (default: in place)");
        var command = new Command("judge", "judge results files again with the current expectation tables (no re-run)")
        {
            inputs, outDir,
        };
        command.Explained("""
            Judge every cell of the results files again from what it observed, with the catalogue and expectation
            tables as they are now: how a team triages a first run of a new platform. Download its results, run
            `conformance judge --in FILE`, document each undocumented difference it prints (observed values, reason,
            reference) in the table of the code that causes it: the OS's (tests/Fixtures/Expectations/<os>.json), or
            the runtime's for what a layer's runtime does on every OS (dotnet-unix.json), and judge again until none
            remains. Cells that observed nothing (unsupported, inconclusive, error) keep their verdict. The matrix,
            gate and diff judge what they read the same way, so a documented difference never needs a re-run.

            Each file is written whole or not at all, after every input has been read.

            Exit code 0, 1 when an undocumented difference remains (each printed in one line), 2 on bad input.
            """);
        command.SetAction(parse => Run(parse.GetValue(inputs) ?? [], parse.GetValue(outDir)));
        return command;
    }

    private static int Run(string[] inputs, string? outDir)
    {
        var files = ResultsSet.Paths(inputs).Select(path => (Path: path, Written: ResultsSet.LoadAsWritten(path))).ToList();
        if (files.Count == 0)
        {
            throw new BadInputException($"no results files in {string.Join(", ", inputs)}");
        }

        var undocumented = 0;
        foreach (var (path, written) in files)
        {
            var judged = Rejudge.File(written);
            var moved = written.Claims.Zip(judged.Claims).Count(p => p.First.Verdict != p.Second.Verdict || p.First.Documented != p.Second.Documented);
            var target = outDir is null ? path : Path.Combine(Path.GetFullPath(outDir), Path.GetFileName(path));
            judged.Save(target);
            var open = Rejudge.Undocumented(judged).ToList();
            Console.WriteLine($"{judged.Platform.Id}: {moved} cell(s) judged otherwise than when it ran; {open.Count} undocumented difference(s); {Columns.Columns.Counts(judged)} -> {target}");
            if (ColumnKinds.PinnedByBaseline(judged.ColumnOf) is { } pinned)
            {
                Console.WriteLine($"  (not counted: {pinned})"); // Wine's: its lane's baseline pins them
                continue;
            }

            undocumented += open.Count;
            open.ForEach(c => Console.WriteLine($"  {c.Row}: {c.Note}"));
        }

        Console.WriteLine(undocumented == 0
            ? "No undocumented difference."
            : $"{undocumented} undocumented difference(s): document each in tests/Fixtures/Expectations (<os>.json, or dotnet-unix.json for what the runtime does on every Unix), then judge again.");
        return undocumented == 0 ? 0 : 1;
    }
}
