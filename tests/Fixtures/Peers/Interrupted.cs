using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;

namespace Conformance.Fixtures.Peers;

/// <summary>FAQ 2.21's situation, made certain: a blocking call on a thread of its own, a caught signal sent to
/// that thread while it sleeps in the kernel, and the data that would end the call only after the handler ran.</summary>
public static class Interrupted
{
    /// <summary>What <paramref name="blockingCall"/> returned when <paramref name="signal"/>, caught with or without
    /// SA_RESTART, interrupted it. <paramref name="release"/> sends what ends a call that went on waiting.</summary>
    public static string Call(Func<string> blockingCall, Action release, int signal, bool restart) =>
        CallAndSee(blockingCall, release, signal, restart).Result;

    /// <summary>As <see cref="Call"/>, and whether the call was still waiting after the signal (Blocked), so it needed
    /// the release.</summary>
    public static (string Result, bool Blocked) CallAndSee(Func<string> blockingCall, Action release, int signal, bool restart)
    {
        using var handler = PosixSignals.CatchWithUmask(signal, restart);
        var call = BlockedCall<string>.Start(blockingCall);

        call.WaitUntilInKernel();
        PosixSignals.Send(call.PosixThread, signal);
        if (!Wait.Until(() => PosixSignals.HandlerRan(signal), Wait.ExpectedMs, stepMs: 1))
        {
            throw new ScenarioException("the signal's handler never ran");
        }

        // Once the handler has run, the kernel has settled the call's fate: it returned EINTR, or (SA_RESTART) it
        // was restarted and waits again. The data comes only now, so it cannot have ended the first wait; the
        // bound only spares an interrupted call the release it does not need.
        return call.Within(100, release);
    }
}
