using System.Diagnostics;

namespace Conformance.Fixtures.Claims;

/// <summary>Runs one scenario on a thread of its own, with a time limit: per-thread state (signal masks) dies with
/// the thread, and a scenario stuck in a call becomes a <see cref="TimeoutException"/> at the limit instead of a
/// stuck run. No test framework in it.</summary>
public static class ScenarioThread
{
    /// <summary>What the scenario came to: what it threw (null when it returned), whether it finished within the
    /// limit (a scenario still running is left behind on its background thread), and how long it took.</summary>
    public sealed record Ending(Exception? Thrown, bool Finished, long DurationMs);

    public static Ending Run(string name, TimeSpan limit, Action scenario)
    {
        Exception? thrown = null;
        var stopwatch = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            try
            {
                scenario();
            }
            catch (Exception e)
            {
                thrown = e;
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        var finished = thread.Join(limit);
        stopwatch.Stop();
        return finished
            ? new Ending(thrown, true, stopwatch.ElapsedMilliseconds)
            : new Ending(new TimeoutException($"the scenario did not finish within {limit.TotalSeconds:0} s"), false, stopwatch.ElapsedMilliseconds);
    }
}
