using Conformance.Harness.Cli;
using Conformance.Harness.Distros;
using Conformance.Harness.Kernels;

namespace Conformance.Harness.Columns;

/// <summary>One sweep over columns of any kind, with progress: each column is run by its kind's runner, one per core
/// side by side (a column spends much of its run waiting on the claims' own timers, so two overlap well, even
/// under emulation), its results file saved under its platform id, its line printed as it finishes. What
/// `conformance distros`, `conformance kernels` and `conformance matrix` share.</summary>
public static class Sweeps
{
    public static int SideBySide => Math.Max(1, Environment.ProcessorCount);

    public static List<ColumnOutcome> Distros(IReadOnlyList<Distro> distros, string outDir, TimeSpan limit) =>
        Run($"Running the suite in {distros.Count} distro container(s)", distros, d => d.Name, outDir,
            (distro, line) => DistroRunner.RunOne(distro, limit, line));

    public static List<ColumnOutcome> Kernels(IReadOnlyList<KernelEntry> kernels, string userland, string outDir, TimeSpan stall)
    {
        var guests = new GuestOptions(stall, Accelerator.Here()); // one accelerator decision for the whole sweep
        return Run($"Booting {kernels.Count} kernel(s) under QEMU", kernels, k => k.Name, outDir,
            (kernel, line) => KernelRunner.RunOne(kernel, userland, guests, line));
    }

    /// <summary>Runs every column of <paramref name="entries"/>, <see cref="SideBySide"/> at a time.</summary>
    public static List<ColumnOutcome> Run<T>(string what, IReadOnlyList<T> entries, Func<T, string> name, string outDir,
        Func<T, Action<string>, Task<ColumnOutcome>> runOne)
    {
        var outcomes = ConsoleProgress.Run($"{what}, {SideBySide} at a time...", entries.Count,
            progress => RunAll(entries, name, outDir, runOne, progress).GetAwaiter().GetResult());
        Console.WriteLine(Columns.Report(outcomes));
        return outcomes;
    }

    private static async Task<List<ColumnOutcome>> RunAll<T>(IReadOnlyList<T> entries, Func<T, string> name, string outDir,
        Func<T, Action<string>, Task<ColumnOutcome>> runOne, IProgress progress)
    {
        using var slots = new SemaphoreSlim(SideBySide);
        var runs = entries.Select(async entry =>
        {
            await slots.WaitAsync();
            try
            {
                var outcome = await runOne(entry, line => progress.Line($"[{name(entry)}] {line}"));
                if (outcome.Results is { } results)
                {
                    results.Save(Path.Combine(outDir, $"{results.Platform.Id}.json"));
                }

                if (outcome.Failure is not null && outcome.Log is { } log)
                {
                    // The whole log of a failed run beside its results; the console names it in one line.
                    var path = Path.Combine(outDir, $"{outcome.Name}.log");
                    AtomicFile.Write(path, log);
                    outcome = outcome with { Failure = $"{outcome.Failure} (full log: {path})" };
                }

                progress.Step(Finished(outcome));
                return outcome;
            }
            finally
            {
                slots.Release();
            }
        });
        return [.. await Task.WhenAll(runs)];
    }

    /// <summary>The step line of a finished column: its name and what it came to.</summary>
    public static string Finished(ColumnOutcome outcome) => outcome switch
    {
        { Skipped: { } why } => $"{outcome.Name}: skipped ({why})",
        { Failure: { } why } => $"{outcome.Name}: error ({why})",
        { Results: { } r } => $"{outcome.Name}: {Columns.Summary(r)}",
        _ => outcome.Name,
    };
}
