using System.Globalization;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Fixtures.Claims;

/// <summary>The base of every claim fixture: the words a scenario uses to record what it saw.</summary>
public abstract class ClaimTest
{
    protected static void Observe(string key, SysResult result) => ClaimRecorder.Current.Observe(key, result);

    /// <summary>Records <c>OK</c> or the error: for calls whose value (a new descriptor) varies from run to run.</summary>
    protected static void ObserveOk(string key, SysResult result) =>
        ClaimRecorder.Current.Observe(key, result.Ok && result.NotVisible is null ? SysResult.Of(0) : result, okAs: "OK");

    protected static void Observe(string key, bool value) => ClaimRecorder.Current.Observe(key, value ? "true" : "false");

    protected static void Observe(string key, long value) => ClaimRecorder.Current.Observe(key, value.ToString(CultureInfo.InvariantCulture));

    protected static void Observe(string key, string value) => ClaimRecorder.Current.Observe(key, value);

    /// <summary>A Slow claim (minutes of waiting) runs only when asked for; otherwise it is inconclusive and says how
    /// to ask.</summary>
    protected static void RequireSlowRun()
    {
        if (!RunContract.IsSet(RunContract.Slow))
        {
            throw Inconclusive($"a Slow claim (up to 5 minutes): set {RunContract.Slow}=1, or run `conformance run --slow`");
        }
    }

    /// <summary>Two hosts joined by a cable (<see cref="NetworkLab"/>); where no lab can be made here, the claim is
    /// inconclusive with the reason.</summary>
    protected static NetworkLab Lab() => NetworkLab.Unavailable() is { } why ? throw Inconclusive(why) : NetworkLab.Create();

    /// <summary>This environment cannot observe the claim; the reason says what it would take.</summary>
    protected static ClaimNotObservedException Inconclusive(string reason) => new(Verdict.Inconclusive, reason);

    /// <summary>The platform has no such API.</summary>
    protected static ClaimNotObservedException Unsupported(string reason) => new(Verdict.Unsupported, reason);
}
