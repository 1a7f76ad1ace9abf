using Conformance.Harness.Cli;
using Conformance.Harness.Distros;
using Conformance.Harness.Kernels;

namespace Conformance.Harness.Columns;

/// <summary>The distro and kernel sweeps, with progress: what `conformance distros`, `conformance kernels` and
/// `conformance matrix` share.</summary>
public static class Sweeps
{
    public static List<ColumnOutcome> Distros(IReadOnlyList<Distro> distros, string outDir, TimeSpan limit)
    {
        var outcomes = ConsoleProgress.Run(
            $"Running the suite in {distros.Count} distro container(s), {Environment.ProcessorCount} at a time...", distros.Count,
            progress => DistroRunner.RunAll(distros, outDir, limit, progress).GetAwaiter().GetResult());
        Console.WriteLine(Columns.Report(outcomes));
        return outcomes;
    }

    public static List<ColumnOutcome> Kernels(IReadOnlyList<KernelEntry> kernels, string userland, string outDir, TimeSpan limit)
    {
        var outcomes = ConsoleProgress.Run(
            $"Booting {kernels.Count} kernel(s) under QEMU, {KernelRunner.SideBySide} at a time...", kernels.Count,
            progress => KernelRunner.RunAll(kernels, userland, outDir, limit, progress).GetAwaiter().GetResult());
        Console.WriteLine(Columns.Report(outcomes));
        return outcomes;
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
