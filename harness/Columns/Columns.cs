using System.Runtime.InteropServices;
using System.Text;

namespace Conformance.Harness.Columns;

/// <summary>What one column run (a distro container, a kernel guest) came to: its results file (a column of
/// errors when the run failed), or why it was skipped. How it ran is in the results file's column block.</summary>
public sealed record ColumnOutcome(string Name, string Platform, ResultsFile? Results, string? Skipped, string? Failure)
{
    /// <summary>Everything a failed run printed (a guest's console, a container's log), saved beside its results.</summary>
    public string? Log { get; init; }
}

/// <summary>What every kind of column run shares: how its results are summed up, what a failed run's column
/// looks like, and what makes a column acceptable.</summary>
public static class Columns
{
    /// <summary>"58 holds, 8 differs, 0 unsupported, 1 inconclusive, 0 error".</summary>
    public static string Counts(ResultsFile results) =>
        string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{results.Claims.Count(c => c.Verdict == v)} {v.ToString().ToLowerInvariant()}"));

    public static string Summary(ResultsFile results) => $"{results.Claims.Count} claims: {Counts(results)}";

    /// <summary>The runner's column, its note followed by how the test processes inside ran, as the payload's own
    /// column block says (the workers' script: side by side in namespaces, or one after another and why).</summary>
    public static ColumnInfo WithRunMode(ColumnInfo column, ResultsFile results) =>
        results.Column?.Note is { Length: > 0 } mode
            ? column with { Note = column.Note is null ? mode : $"{column.Note}; {mode}" }
            : column;

    /// <summary>A column of errors, so a broken run shows in the matrix and the gate instead of vanishing.
    /// <paramref name="what"/> names what failed ("container", "guest"); <paramref name="declared"/> is the platform the
    /// column stands for as its runner knows it without a run (a guest's kernel release, the image's distro and C
    /// library), so the gate reports a column that failed, not an upgrade to the machine that ran it.</summary>
    public static ResultsFile ErrorColumn(string name, string what, PlatformInfo declared, ColumnInfo column, string reason, string logTail)
    {
        var failed = $"the {name} {what} failed: {reason}";
        var note = string.IsNullOrWhiteSpace(logTail) ? failed : $"{failed}; log tail: {logTail}";
        return new ResultsFile
        {
            Platform = declared,
            Column = column,
            StartedAt = DateTime.UtcNow,
            // Every expected cell, of every family and layer, so a broken run shows as many errors as a good one has cells.
            Claims = [.. ClaimRows.Cells(Catalogue.Default).Select(c => new ClaimResult
            {
                Id = c.Row.Claim.Id, Faq = c.Row.Claim.Faq, Family = c.Row.Family, Layer = c.Layer, Verdict = Verdict.Error, Observed = [], Note = note,
            })],
        };
    }

    /// <summary>A Linux column's platform as its runner declares it: <paramref name="kernel"/> is the release it runs
    /// on (a guest's own; a container's is this machine's, <see cref="HostKernel"/>), the rest what its image says.</summary>
    public static PlatformInfo Declared(string id, string kernel, RootfsFacts image, string? container) => new()
    {
        Id = id,
        Os = "linux",
        OsVersion = kernel,
        Distro = image.Distro,
        Libc = image.Libc,
        Runtime = RuntimeInformation.FrameworkDescription,
        Arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        Container = container,
        User = "root",
    };

    /// <summary>The last lines of a failed run's log, on one line, for its error cells' note (the whole log is saved
    /// beside the results).</summary>
    public static string Tail(string log) =>
        string.Join(" / ", log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));

    /// <summary>The kernel a container shares: this machine's.</summary>
    public static string HostKernel() =>
        File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.Version.ToString();

    /// <summary>One line per outcome, for the end of a sweep.</summary>
    public static string Report(IEnumerable<ColumnOutcome> outcomes)
    {
        var text = new StringBuilder();
        foreach (var o in outcomes)
        {
            text.AppendLine(o switch
            {
                { Skipped: { } why } => $"  {o.Name,-14} skipped: {why}",
                { Failure: { } why } => $"  {o.Name,-14} error: {why}",
                { Results: { } r } => $"  {o.Name,-14} {r.Platform.Id}: {Summary(r)}",
                _ => $"  {o.Name,-14} ?",
            });
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>A run's results in the lane of the column that produced them (the distro or kernel entry's name).</summary>
    public static ColumnOutcome InLane(ColumnOutcome outcome, string lane) =>
        outcome.Results is { } results ? outcome with { Results = results with { Lane = lane } } : outcome;
}
