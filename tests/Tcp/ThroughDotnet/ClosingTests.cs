using System.Diagnostics;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.Results;

namespace Conformance.Tcp.ThroughDotnet;

/// <summary>FAQ 2.1, 2.5-2.7, 2.19, 2.22, 4.6 through System.Net.Sockets: how a connection ends, and what Send and
/// Receive report around it. Send is write() and Receive is read() here: Socket has no other.</summary>
public sealed class ClosingTests : ClaimTest
{
    private static readonly byte[] OneByte = [1];

    private static void CloseWithFin(Socket peer) => peer.Close();

    private static SysResult Receive(Socket socket) => Managed.Call(() => socket.Receive(new byte[100]));

    private static SysResult Send(Socket socket) => Managed.Call(() => socket.Send(OneByte));

    [Claim("tcp.read-zero-after-fin", Layer = "dotnet")]
    public void ReceiveReturnsZeroAfterTheFinAndOnEveryCallAfter()
    {
        using var pair = ManagedPair.Connect();
        CloseWithFin(pair.Server);
        Managed.WaitReadable(pair.Client, "the peer's FIN");
        Observe("read#1", Receive(pair.Client));
        Observe("read#2", Receive(pair.Client));
        Observe("read#3", Receive(pair.Client));
    }

    [Claim("tcp.write-after-peer-close", Layer = "dotnet")]
    public void FirstSendAfterThePeerClosedSucceedsTheOneAfterFails()
    {
        using var pair = ManagedPair.Connect();
        CloseWithFin(pair.Server);
        Managed.WaitReadable(pair.Client, "the peer's FIN");
        Observe("write#1", Send(pair.Client));
        BrokenConnection.WaitForReset(pair.Client.Handle);
        Observe("write#2", Send(pair.Client));
    }

    [Claim("tcp.read-after-rst", Layer = "dotnet")]
    public void ReceiveFailsWithConnectionResetAfterThePeersAbortiveClose()
    {
        using var pair = ManagedPair.Connect();
        Managed.CloseWithRst(pair.Server);
        Managed.WaitReadable(pair.Client, "the peer's RST");
        Observe("read#1", Receive(pair.Client));
        Observe("read#2", Receive(pair.Client));
    }

    [Claim("tcp.write-after-rst", Layer = "dotnet")]
    public void SendFailsAfterThePeersAbortiveClose()
    {
        using var pair = ManagedPair.Connect();
        Managed.CloseWithRst(pair.Server);
        Managed.WaitReadable(pair.Client, "the peer's RST");
        Observe("write#1", Send(pair.Client));
        Observe("write#2", Send(pair.Client));
    }

    /// <summary>Socket.Send passes no MSG_NOSIGNAL and the runtime sets no SO_NOSIGPIPE (strace shows sendto(..., 0));
    /// it ignores SIGPIPE process-wide instead. So the kernel still raises the signal, and what a C# program sees of
    /// it is what the signal mask shows while the Send fails (this column's sigpipe-pending=true on Linux).</summary>
    [Claim("tcp.sigpipe", Layer = "dotnet")]
    public void ASendThatFailsWithEpipeAlsoRaisesSigpipe() => SendOnABrokenConnection("Windows has no signals");

    [Claim("tcp.nosignal", Layer = "dotnet")]
    public void EpipeCanBeHadWithoutTheSignal() => SendOnABrokenConnection("Windows has no signals, so there is nothing to suppress");

    private static void SendOnABrokenConnection(string noSignals)
    {
        var sigpipe = Sys.C.SIGPIPE ?? throw Unsupported(noSignals);
        using var pair = ManagedPair.Connect();
        CloseWithFin(pair.Server);
        Managed.WaitReadable(pair.Client, "the peer's FIN");
        Send(pair.Client).Expect("the send that draws the RST");
        BrokenConnection.WaitForReset(pair.Client.Handle);
        using var blocked = PosixSignals.Block(sigpipe);
        Observe("errno", Send(pair.Client));
        Observe("sigpipe-pending", PosixSignals.IsPending(sigpipe));
    }

    [Claim("tcp.write-never-zero", Layer = "dotnet")]
    public void SendNeverReturnsZero()
    {
        using (var healthy = ManagedPair.Connect())
        {
            Observe("healthy", Send(healthy.Client));
        }

        using (var full = ManagedPair.Connect())
        {
            full.Client.Blocking = false;
            Observe("full", SendOnceFull(full.Client));
        }

        using var closed = ManagedPair.Connect();
        CloseWithFin(closed.Server);
        Managed.WaitReadable(closed.Client, "the peer's FIN");
        Observe("peer-closed", Send(closed.Client));
    }

    /// <summary>One byte into a send path that is full and stays full (see the raw layer's WriteOnceFull).</summary>
    private static SysResult SendOnceFull(Socket nonBlocking)
    {
        var chunk = new byte[65536];
        var result = default(SysResult);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            while (Managed.Call(() => nonBlocking.Send(chunk)).Ok)
            {
            }

            result = Send(nonBlocking);
            if (!result.Ok || result.Value == 0)
            {
                return result;
            }

            nonBlocking.Poll(TimeSpan.FromMilliseconds(20), SelectMode.SelectWrite);
        }

        return result;
    }

    [Claim("tcp.half-close", Layer = "dotnet")]
    public void AfterShutdownSendThePeerReadsEofAndMayStillSend()
    {
        using var pair = ManagedPair.Connect();
        pair.Client.Shutdown(SocketShutdown.Send);
        Managed.WaitReadable(pair.Server, "the client's FIN");
        Observe("peer-read", Receive(pair.Server));
        Observe("peer-write", Managed.Call(() => pair.Server.Send("ok"u8)));
        Managed.WaitReadable(pair.Client, "the server's reply");
        Observe("read-after-shutdown", Receive(pair.Client));
    }

    [Claim("tcp.linger-zero-rst", Layer = "dotnet")]
    public void LingerZeroAbortsWithAnRstAndSkipsTimeWait()
    {
        using var pair = ManagedPair.Connect();
        var port = Managed.Local(pair.Server).Port;
        Managed.CloseWithRst(pair.Server);
        Managed.WaitReadable(pair.Client, "the RST");
        Observe("peer-read", Receive(pair.Client));
        using var again = Managed.Tcp();
        ObserveOk("rebind", Managed.Call(() => again.Bind(Loopback.Port(port))));
    }

    [Claim("tcp.linger-timeout", Layer = "dotnet")]
    public void LingerWithATimeoutMakesCloseWaitForUnsentData()
    {
        using var pair = ManagedPair.Connect();
        pair.Client.Blocking = false;
        var chunk = new byte[65536];
        while (Managed.Call(() => pair.Client.Send(chunk)).Ok)
        {
        }

        pair.Client.Blocking = true;
        pair.Client.LingerState = new LingerOption(true, 1);
        var stopwatch = Stopwatch.StartNew();
        ObserveOk("close", Managed.Call(pair.Client.Close));
        Observe("seconds", Rounding.Timer(stopwatch.Elapsed.TotalSeconds, 1));
    }

    /// <summary>Bind probes TIME_WAIT; System.Net.Sockets sets SO_REUSEADDR on every bind on Unix, so what a C#
    /// program sees differs from the raw layer there.</summary>
    [Claim("tcp.time-wait-active-closer", Layer = "dotnet")]
    public void TheActiveCloserKeepsTheAddressInTimeWait()
    {
        int activePort, passivePort;
        using (var pair = ManagedPair.Connect(keepListener: true))
        {
            activePort = Managed.Local(pair.Listener!).Port;
            Managed.ActiveClose(active: pair.Server, passive: pair.Client); // the server's side holds the listener's port
        }

        using (var pair = ManagedPair.Connect(keepListener: true))
        {
            passivePort = Managed.Local(pair.Listener!).Port;
            Managed.ActiveClose(active: pair.Client, passive: pair.Server); // the listener's port is only the passive side
        }

        Observe("active-side-rebind", Rebind(activePort));
        Observe("passive-side-rebind", Rebind(passivePort));
    }

    /// <summary>Measured as the raw layer measures it, by binding the port until the bind succeeds: a C# program
    /// has no other way to ask. On Unix every Socket.Bind sets SO_REUSEADDR, so the port may be free at once.</summary>
    [Claim("tcp.time-wait-duration", Layer = "dotnet", LimitSeconds = 330), Category("Slow")]
    public void TimeWaitLastsTwiceTheMaximumSegmentLifetime()
    {
        RequireSlowRun();
        int port;
        using (var pair = ManagedPair.Connect(keepListener: true))
        {
            port = Managed.Local(pair.Listener!).Port;
            Managed.ActiveClose(active: pair.Server, passive: pair.Client);
        }

        var stopwatch = Stopwatch.StartNew();
        if (!Wait.Until(() => Rebind(port) == "OK", limitMs: 300_000, stepMs: 1000))
        {
            throw new ScenarioException("the port was still in TIME_WAIT after 300 s");
        }

        // The 10-second step at or below what was measured, as at the raw layer (timers fire late, never early).
        Observe("seconds", Rounding.Down(stopwatch.Elapsed.TotalSeconds, 10));
    }

    private static string Rebind(int port)
    {
        using var probe = Managed.Tcp();
        return Managed.Call(() => probe.Bind(Loopback.Port(port))).OkOrError;
    }
}
