using Conformance.Harness.Cli;

namespace Conformance.Harness.Columns;

/// <summary>One sweep over columns of any kind, with progress: each column runs as its kind made it, as many side by side
/// as its kind says (one per core for containers and guests: a column spends much of its run waiting on the claims' own
/// timers, so two overlap well, even under emulation), its results file saved under its platform id, its line printed as
/// it finishes. A column whose run throws, whatever it throws, gets its column of error cells under the platform it
/// declared, and the sweep goes on. The sweep is the one place that puts a column's results in its lane.</summary>
public static class Sweeps
{
    public static int SideBySide => Math.Max(1, Environment.ProcessorCount);

    /// <summary>Runs every column of <paramref name="columns"/>, <paramref name="atOnce"/> at a time.</summary>
    public static List<ColumnOutcome> Run(string what, IReadOnlyList<IColumn> columns, string outDir, int atOnce)
    {
        var outcomes = ConsoleProgress.Run($"{what}, {atOnce} at a time...", columns.Count,
            progress => RunAll(columns, outDir, atOnce, progress).GetAwaiter().GetResult());
        Console.WriteLine(Columns.Report(outcomes));
        return outcomes;
    }

    private static async Task<List<ColumnOutcome>> RunAll(IReadOnlyList<IColumn> columns, string outDir, int atOnce, IProgress progress)
    {
        using var slots = new SemaphoreSlim(atOnce);
        var runs = columns.Select(async column =>
        {
            await slots.WaitAsync();
            try
            {
                var outcome = Columns.InLane(await RunOne(column, line => progress.Line($"[{column.Lane}] {line}")), column.Lane);
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

    /// <summary>The column's run; anything it throws is its failure, as error cells under its declared platform.</summary>
    public static async Task<ColumnOutcome> RunOne(IColumn column, Action<string> progress)
    {
        try
        {
            return await column.Run(progress);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
            progress($"error: {reason}");
            return new ColumnOutcome(column.Lane, column.Declared.Id, Columns.ErrorColumn(column.Lane, "run", column.Declared, column.Info, reason, ""), null, reason);
        }
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
