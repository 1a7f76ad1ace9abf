using System.CommandLine;
using Conformance.Harness.Cli;
using Conformance.Harness.Columns;
using Conformance.Harness.Matrix;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance matrix</c>: results files in, matrix.json, matrix.md and matrix.html out.</summary>
public static class MatrixCommand
{
    public static Command Create()
    {
        var inputs = CommonOptions.In("results files or folders of them (repeatable); without it the suite runs first");
        var outDir = CommonOptions.Out("where the matrix goes (default artifacts/matrix)");
        var inMatrix = ColumnKindRegistry.All.Where(k => k.InMatrix).ToList();
        var skip = new Option<string[]>("--skip")
        {
            Description = $"leave out these columns from the run (repeatable): {string.Join(", ", inMatrix.Select(k => $"{k.Verb} ({k.Summary})"))}",
            HelpName = string.Join('|', inMatrix.Select(k => k.Verb)),
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        skip.AcceptOnlyFromAmong([.. inMatrix.Select(k => k.Verb)]);
        var command = new Command("matrix", "run the suite here (or read results files) and write the compatibility matrix")
        {
            inputs, outDir, skip,
        };
        command.Explained("""
            Write the compatibility matrix: matrix.json (browser-compat-data shaped), matrix.md (GitHub markdown)
            and matrix.html (one self-contained page), each written whole or not at all.

            With no --in it first runs the suite on this machine (as `conformance run`), then, when a Docker engine
            answers, in a container per distro of ci/distros.json (as `conformance distros`), and, when QEMU is
            installed, on each kernel of ci/distros.json (as `conformance kernels`), into a fresh
            artifacts/results, then renders every results file there. With --in it renders the results files
            given (folders are read for *.json), without running anything.

            macOS, FreeBSD and Windows, which no machine here runs, get a column each marked as predicted: what the
            expectation tables say they will do, never written to a results file and never gated. A native results
            file of one of them among the inputs replaces its prediction, and the matrix says which rows the
            prediction got right and which it got wrong.

            Exit code 0, or 1 when the run on this machine had a failing claim (the matrix is still written), 2 on
            bad input (a missing or malformed results file is named with what is wrong).
            """);
        command.SetAction(parse => Run(
            [.. parse.GetValue(inputs) ?? []], Path.GetFullPath(parse.GetValue(outDir) ?? Repository.Artifacts("matrix")), parse.GetValue(skip) ?? []));
        return command;
    }

    private static int Run(List<string> inputs, string outDir, IReadOnlyCollection<string> skip)
    {
        var exit = 0;
        if (inputs.Count == 0)
        {
            var results = Repository.Artifacts("results");
            foreach (var stale in Directory.Exists(results) ? Directory.GetFiles(results, "*.json") : [])
            {
                File.Delete(stale); // this run's columns only
            }

            exit = SuiteRun.Once(results, slow: false, noBuild: false, filter: null).Exit;
            foreach (var kind in ColumnKindRegistry.All.Where(k => k.InMatrix && !skip.Contains(k.Verb)))
            {
                exit = Math.Max(exit, KindColumns(kind, results));
            }

            inputs.Add(results);
        }

        var files = ResultsSet.Load(inputs);
        if (files.Count == 0)
        {
            throw new BadInputException($"no results files in {string.Join(", ", inputs)}; run `conformance run --out DIR` first");
        }

        var matrix = new CompatMatrix(files, Catalogue.Default, ExpectationTable.Default);
        var paths = Write(matrix, outDir);
        Console.WriteLine();
        Console.WriteLine($"Matrix of {files.Count} platform(s) x {Catalogue.Default.Rows.Count} rows ({Catalogue.Default.Claims.Count} claims, some over IPv4 and IPv6):");
        paths.ForEach(p => Console.WriteLine($"  {p}"));
        var predicted = matrix.Sources.Where(f => Predictions.IsPredicted(f.ColumnOf)).Select(f => f.ColumnOf.Label).ToList();
        if (predicted.Count > 0)
        {
            Console.WriteLine($"Predicted, not run: {string.Join(", ", predicted)} (from the expectation tables; a native results file of that OS replaces its column).");
        }

        foreach (var check in matrix.Checks)
        {
            Console.WriteLine($"{check.Platform}: {check.Confirmed.Count} prediction(s) confirmed, {check.Refuted.Count} refuted{(check.Refuted.Count > 0 ? ": " + string.Join(", ", check.Refuted.Take(12)) + (check.Refuted.Count > 12 ? ", ..." : "") : "")}.");
        }

        return exit;
    }

    /// <summary>A kind's columns, when this machine can run them; otherwise a line saying why they are missing.</summary>
    private static int KindColumns(IColumnKind kind, string results)
    {
        Console.WriteLine();
        if (kind.Unavailable() is { } why)
        {
            Console.WriteLine($"The {kind.Verb} columns skipped: {why}.");
            return 0;
        }

        var columns = kind.Columns(Distros.DistroConfig.DefaultPath, TimeSpan.FromMinutes(kind.Limit.Minutes));
        var outcomes = Sweeps.Run(ColumnVerb.Title(kind, columns.Count), columns, results, kind.AtOnce);
        return outcomes.Any(o => o.Failure is not null) ? 1 : 0;
    }

    public static List<string> Write(CompatMatrix matrix, string outDir)
    {
        var outputs = new (string Name, string Content)[]
        {
            ("matrix.json", MatrixJson.Render(matrix)),
            ("matrix.md", MarkdownRenderer.Render(matrix)),
            ("matrix.html", HtmlRenderer.Render(matrix)),
        };
        foreach (var (name, content) in outputs)
        {
            AtomicFile.Write(Path.Combine(outDir, name), content);
        }

        return outputs.Select(o => Path.Combine(outDir, o.Name)).ToList();
    }
}
