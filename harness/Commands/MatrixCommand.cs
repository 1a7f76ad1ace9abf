using Conformance.Fixtures.Claims;
using Conformance.Harness.Cli;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Commands;

/// <summary><c>conformance matrix</c>: results files in, matrix.json, matrix.md and matrix.html out.</summary>
public static class MatrixCommand
{
    private const string Help = """
        conformance matrix [--in DIR|FILE ...] [--out DIR] [--skip distros|kernels ...]

        Writes the compatibility matrix: matrix.json (browser-compat-data shaped), matrix.md (GitHub markdown)
        and matrix.html (one self-contained page), each written whole or not at all.

        With no --in it first runs the suite on this machine (as `conformance run`), then, when a Docker engine
        answers, in a container per distro of ci/distros.json (as `conformance distros`), and, when QEMU is
        installed, on each kernel of ci/distros.json (as `conformance kernels`), into a fresh
        artifacts/results, then renders every results file there. With --in it renders the results files
        given (folders are read for *.json), without running anything.

          --in DIR|FILE  results files or folders of them (repeatable)
          --out DIR      where the matrix goes (default artifacts/matrix)
          --skip AXIS    leave out the distro containers or the kernels (QEMU, about a minute per kernel
                         under software emulation) from the run

        Exit code 0, or 1 when the run on this machine had a failing claim (the matrix is still written), 2 on
        bad input (a missing or malformed results file is named with what is wrong).
        """;

    public static int Execute(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        var cli = new CliArgs("matrix", args, new HashSet<string>(), new HashSet<string> { "--in", "--out", "--skip" });
        if (cli.Positional.Count > 0)
        {
            throw new CliException($"'matrix' takes no arguments ('{cli.Positional[0]}'); use --in for results files");
        }

        var root = RunCommand.Root();
        var outDir = Path.GetFullPath(cli.Option("--out") ?? Path.Combine(root, "artifacts", "matrix"));
        var inputs = cli.Options("--in").ToList();
        var skip = cli.Options("--skip");
        if (skip.Except(["distros", "kernels"]).FirstOrDefault() is { } axis)
        {
            throw new CliException($"--skip takes distros or kernels, not '{axis}'");
        }

        var exit = 0;
        if (inputs.Count == 0)
        {
            var results = Path.Combine(root, "artifacts", "results");
            foreach (var stale in Directory.Exists(results) ? Directory.GetFiles(results, "*.json") : [])
            {
                File.Delete(stale); // this run's columns only
            }

            exit = RunCommand.Run(results, slow: false, noBuild: false, filter: null, Console.Out);
            exit = Math.Max(exit, skip.Contains("distros") ? 0 : DistroColumns(results));
            exit = Math.Max(exit, skip.Contains("kernels") ? 0 : KernelColumns(results));
            inputs.Add(results);
        }

        var files = ResultsSet.Load(inputs);
        if (files.Count == 0)
        {
            throw new CliException($"no results files in {string.Join(", ", inputs)}; run `conformance run --out DIR` first");
        }

        var paths = Write(new CompatMatrix(files, Catalogue.Default), outDir);
        Console.WriteLine();
        Console.WriteLine($"Matrix of {files.Count} platform(s) x {Catalogue.Default.Rows.Count} rows ({Catalogue.Default.Claims.Count} claims, some over IPv4 and IPv6):");
        paths.ForEach(p => Console.WriteLine($"  {p}"));
        return exit;
    }

    /// <summary>The distro columns, when a Docker engine answers; otherwise a line saying why they are missing.</summary>
    private static int DistroColumns(string results)
    {
        Console.WriteLine();
        if (Distros.DockerEngine.Unavailable() is { } why)
        {
            Console.WriteLine($"Distro columns skipped: {why}.");
            return 0;
        }

        var outcomes = DistrosCommand.Sweep(Distros.DistroConfig.Load(Distros.DistroConfig.DefaultPath), results, TimeSpan.FromMinutes(5));
        return outcomes.Any(o => o.Failure is not null) ? 1 : 0;
    }

    /// <summary>The kernel columns, when QEMU is installed; otherwise a line saying why they are missing.</summary>
    private static int KernelColumns(string results)
    {
        Console.WriteLine();
        if (Kernels.KernelRunner.Unavailable() is { } why)
        {
            Console.WriteLine($"Kernel columns skipped: {why}.");
            return 0;
        }

        var (kernels, userland) = Distros.DistroConfig.LoadKernels(Distros.DistroConfig.DefaultPath);
        var outcomes = KernelsCommand.Sweep(kernels, userland, results, TimeSpan.FromMinutes(5));
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
