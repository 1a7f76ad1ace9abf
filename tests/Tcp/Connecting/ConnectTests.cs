using System.Diagnostics;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Connecting;

/// <summary>FAQ 3.3, 3.5, 3.7 and 6.2: when connect() completes, fails, or waits.</summary>
public sealed class ConnectTests : ClaimTest
{
    [Claim("tcp.connect-before-accept")]
    public void ConnectCompletesOnceTheServerListensBeforeAccept()
    {
        using var listener = Sockets.Listener();
        using var client = Sockets.Tcp();
        ObserveOk("connect", client.Connect(listener.LocalEndPoint));
    }

    /// <summary>At the .NET layer the connects are Socket.Connect with Blocking off, their outcome read by Socket.Poll
    /// (write or error list) and the Error option.</summary>
    [Claim("tcp.backlog-overflow")]
    public void ConnectionsBeyondTheBacklogAreIgnoredNotRefused()
    {
        using var listener = Sockets.Listener(backlog: 1);
        var clients = Enumerable.Range(0, 8).Select(_ => Sockets.Tcp()).ToList();
        try
        {
            // Each handshake completes before the next SYN is sent: a SYN answered while an earlier handshake is
            // still open finds room in the queue, and one more gets in (gVisor under load did). The first
            // connection that does not complete within the longer bound found the queue full; nobody accepts, so
            // it stays full and the rest get a short pace. The bounds are the pace, not an observation.
            var queueFull = false;
            foreach (var client in clients)
            {
                client.SetNonBlocking(true).Expect("O_NONBLOCK");
                client.Connect(listener.LocalEndPoint);
                queueFull |= !client.ConnectSettled(ConnectOutcome.PaceMs(queueFull));
            }

            // Ignored SYNs are retried after a second or more; half a second shows who got in and who waits.
            // Not known on Windows: it answers an overflowing SYN with an RST but retries a refused connect for
            // about 2 s (libuv#2896), so at half a second those are most likely still pending, as the FAQ says.
            clients[^1].ConnectSettled(500);
            foreach (var (outcome, count) in ConnectOutcome.Tally(clients.Select(ConnectOutcome.Of).ToList()))
            {
                Observe(outcome, count);
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>FAQ 6.2's three possibilities: connect() succeeds or fails at once, or is in progress until the socket
    /// turns writable and SO_ERROR tells the result. A connect that settled at once is its own result. At the .NET
    /// layer a connect in progress is the runtime's SocketError.WouldBlock, and SO_ERROR is SocketOptionName.Error.</summary>
    [Claim("tcp.nonblocking-connect")]
    public void ANonBlockingConnectSettlesAtOnceOrLaterAndSoErrorTellsTheResult()
    {
        using var listener = Sockets.Listener();
        using (var client = Sockets.Tcp())
        {
            client.SetNonBlocking(true).Expect("O_NONBLOCK");
            var connect = client.Connect(listener.LocalEndPoint);
            Observe("ok:connect", connect);
            Observe("ok:so-error", Outcome(connect, client, "the connection to complete"));
        }

        using var refusing = RefusingEndpoint.Tcp();
        using var refused = Sockets.Tcp();
        refused.SetNonBlocking(true).Expect("O_NONBLOCK");
        var refusal = refused.Connect(refusing.EndPoint);
        Observe("refused:connect", refusal);
        Observe("refused:so-error", Outcome(refusal, refused, "the refusal"));
    }

    /// <summary>What a non-blocking connect came to: SO_ERROR once it settled while it was in progress (EINPROGRESS;
    /// Winsock's WSAEWOULDBLOCK, named EAGAIN), else what connect() itself said ("0" for success).</summary>
    private static string Outcome(SysResult connect, LayerSocket socket, string what)
    {
        if (connect.OkOrError is "EINPROGRESS" or "EAGAIN")
        {
            if (!socket.ConnectSettled(Wait.ExpectedMs))
            {
                throw new ScenarioException($"{what} did not come within {Wait.ExpectedMs} ms");
            }

            return socket.PendingError();
        }

        return connect.Ok ? "0" : connect.OkOrError;
    }

    [Claim("tcp.connect-timeout")]
    public void ConnectCanBeCutShortWithANonBlockingConnectAndAWait()
    {
        using var full = FullListener.Make() ?? throw Inconclusive($"{FullListener.NoneWaits}, so there is no connect to cut short");
        Observe("connect", full.Waiting.Connect);
        Observe("writable-within-300ms", full.Waiting.Socket.ConnectSettled(300));
    }

    /// <summary>FAQ 3.5: "Normally you cannot change this" (how long connect() tries). Each system's per-socket option for
    /// it (<see cref="Native.Tables.SocketConstants.ConnectTimeoutOption"/>) is set to 1 on a connect left waiting on a full
    /// queue: "per-socket" names the option when the connect then gives up by itself with ETIMEDOUT within 10 s (with
    /// TCP_SYNCNT 1, after the SYN and one retransmission: 3 s), and is "none" where no option did: there is none, the
    /// system refuses it, or it leaves the connect waiting.</summary>
    [Claim("tcp.connect-timeout-knob")]
    public void TheConnectTimeoutCanBeChangedForOneSocket()
    {
        using var full = FullListener.Make() ?? throw Inconclusive($"{FullListener.NoneWaits}, so there is no connect to time out");
        using var client = Sockets.Tcp();
        var shortened = Sys.C.ConnectTimeoutOption is { } option
            && client.AsRaw().SetInt(Sys.C.IPPROTO_TCP, option, 1).Ok // the options are the raw layer's
            && client.SetNonBlocking(true).Ok
            && client.Connect(full.EndPoint).OkOrError is "EINPROGRESS" or "EAGAIN"
            && client.ConnectSettled(10_000)
            && client.PendingError() == "ETIMEDOUT"; // read once: reading SO_ERROR clears it
        Observe("per-socket", shortened ? Sys.C.ConnectTimeoutOptionName : "none");
    }

    /// <summary>FAQ 5.1: multicast is UDP's; the stacks refuse a TCP connection to a group address before sending
    /// anything. The group is the link's all-hosts one (224.0.0.1, ff02::1), never routed beyond the link.</summary>
    [Claim("tcp.connect-multicast")]
    public void ATcpConnectToAMulticastGroupFails()
    {
        using var client = Sockets.Tcp();
        ObserveOk("connect", client.Connect(new System.Net.IPEndPoint(Loopback.Family.AllNodes, 9)));
    }

    [Claim("tcp.connect-refused")]
    public void ConnectToAPortNobodyListensOnIsRefusedAtOnce()
    {
        using var refusing = RefusingEndpoint.Tcp();
        using var client = Sockets.Tcp();
        var stopwatch = Stopwatch.StartNew();
        Observe("connect", client.Connect(refusing.EndPoint));
        Observe("prompt", stopwatch.Elapsed < TimeSpan.FromSeconds(1));
    }
}
