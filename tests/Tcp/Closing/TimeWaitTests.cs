using System.Diagnostics;
using System.Net;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;
using Conformance.Fixtures.Results;

namespace Conformance.Tcp.Closing;

/// <summary>FAQ 2.5, 2.7 and 4.2: the side that closes first holds the address in TIME_WAIT for 2*MSL.</summary>
public sealed class TimeWaitTests : ClaimTest
{
    /// <summary>Bind probes TIME_WAIT; on Unix System.Net.Sockets sets SO_REUSEADDR on every bind, so what a C#
    /// program sees differs from the raw layer there.</summary>
    [Claim("tcp.time-wait-active-closer")]
    public void TheActiveCloserKeepsTheAddressInTimeWaitThePassiveSideDoesNot()
    {
        int activePort, passivePort;
        using (var pair = Connection.Open(keepListener: true))
        {
            activePort = pair.Listener!.Port;
            TimeWait.ActiveClose(active: pair.Server, passive: pair.Client); // the server's side holds the listener's port
        }

        using (var pair = Connection.Open(keepListener: true))
        {
            passivePort = pair.Listener!.Port;
            TimeWait.ActiveClose(active: pair.Client, passive: pair.Server); // the listener's port is only the passive side
        }

        using var active = Sockets.Tcp();
        ObserveOk("active-side-rebind", active.Bind(Loopback.Port(activePort)));
        using var passive = Sockets.Tcp();
        ObserveOk("passive-side-rebind", passive.Bind(Loopback.Port(passivePort)));
    }

    /// <summary>FAQ 4.2: "It is normal, for example for the socket to go into a TIME_WAIT state, on the server side, for
    /// a few minutes. People have reported ranges from 20 seconds to 4 minutes to me." The server closes first, and the
    /// connection's entry is watched in the OS's connection table until it goes: how long TIME_WAIT lasts, not whether
    /// a bind over it is allowed (which Socket.Bind's SO_REUSEADDR on Unix and Windows' own rule decide, and which
    /// tcp.time-wait-active-closer and opt.reuseaddr-time-wait ask).</summary>
    [Claim("tcp.time-wait-duration", LimitSeconds = 330), Category("Slow")]
    public void TimeWaitLastsTwiceTheMaximumSegmentLifetime()
    {
        RequireSlowRun();
        IPEndPoint server, client;
        using (var pair = Connection.Open())
        {
            (server, client) = (pair.Server.LocalEndPoint, pair.Client.LocalEndPoint);
            TimeWait.ActiveClose(active: pair.Server, passive: pair.Client);
        }

        var stopwatch = Stopwatch.StartNew();
        if (!ConnectionTable.InTimeWait(server, client))
        {
            Observe("seconds", 0); // no TIME_WAIT entry at all (FreeBSD's net.inet.tcp.nolocaltimewait for a local peer)
            return;
        }

        if (!Wait.Until(() => !ConnectionTable.InTimeWait(server, client), limitMs: 300_000, stepMs: 1000))
        {
            throw new ScenarioException($"the connection {server} -> {client} was still in TIME_WAIT after 300 s");
        }

        // Timers fire late, never early: Linux's timer wheel lets a 60 s timeout run up to about 4 s over, and the
        // probe adds up to its 1 s step. So the length is the 10-second step at or below what was measured.
        Observe("seconds", Rounding.Down(stopwatch.Elapsed.TotalSeconds, 10));
    }
}
