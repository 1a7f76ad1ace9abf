using Conformance.Fixtures.SocketLayers;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>Bounded waits on socket events. <see cref="For"/> waits generously for an event the scenario
/// expects and fails the scenario (an error, not an observation) if it never comes; <see cref="Within"/>
/// asks briefly whether something happens and reports what did.</summary>
public static class Wait
{
    /// <summary>The bound on anything expected to happen on loopback at once.</summary>
    public const int ExpectedMs = 5000;

    public static short Readable => Sys.C.POLLIN;
    public static short Writable => Sys.C.POLLOUT;

    /// <summary>poll() until one of <paramref name="events"/> (or an error or hang-up) is reported.</summary>
    public static short For(RawSocket socket, short events, string what, int limitMs = ExpectedMs) => For(socket.Handle, events, what, limitMs);

    /// <summary>As <see cref="For(RawSocket, short, string, int)"/>, for a socket of any layer: a wait paces the scenario
    /// and is never an observation, so it is poll() on the descriptor whichever layer made it.</summary>
    public static short For(LayerSocket socket, short events, string what, int limitMs = ExpectedMs) => For(socket.Handle, events, what, limitMs);

    private static short For(nint handle, short events, string what, int limitMs)
    {
        var revents = Within(handle, events, limitMs);
        return revents != 0 ? revents : throw new ScenarioException($"{what} did not happen within {limitMs} ms");
    }

    public static short Within(LayerSocket socket, short events, int limitMs) => Within(socket.Handle, events, limitMs);

    /// <summary>poll() once for up to <paramref name="limitMs"/>; 0 when nothing happened.</summary>
    public static short Within(RawSocket socket, short events, int limitMs) => Within(socket.Handle, events, limitMs);

    private static short Within(nint handle, short events, int limitMs)
    {
        var deadline = Environment.TickCount64 + limitMs;
        while (true)
        {
            var left = (int)Math.Max(0, deadline - Environment.TickCount64);
            var result = Sys.Calls.Poll(handle, events, left, out var revents);
            if (result.Ok)
            {
                return result.Value > 0 ? revents : (short)0;
            }

            if (result.Error!.Name != "EINTR")
            {
                throw new ScenarioException($"poll() failed with {result.Error}");
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking on each event of <paramref name="socket"/>
    /// or every <paramref name="stepMs"/>; for states the socket API cannot signal (a segment counter, a timer).</summary>
    public static bool Until(Func<bool> condition, int limitMs, int stepMs = 10)
    {
        var deadline = Environment.TickCount64 + limitMs;
        while (!condition())
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            Thread.Sleep(stepMs); // why: the condition has no descriptor to poll on
        }

        return true;
    }
}
