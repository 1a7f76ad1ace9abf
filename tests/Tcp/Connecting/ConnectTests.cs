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

    [Claim("tcp.backlog-overflow", Layer = "raw")]
    public void ConnectionsBeyondTheBacklogAreIgnoredNotRefused()
    {
        using var listener = Sockets.Listener(backlog: 1).AsRaw();
        var clients = Enumerable.Range(0, 8).Select(_ => Sockets.Tcp().AsRaw()).ToList();
        try
        {
            // Each handshake completes before the next SYN is sent: a SYN answered while an earlier handshake is
            // still open finds room in the queue, and one more gets in (gVisor under load did). The first
            // connection that does not complete within the longer bound found the queue full; nobody accepts, so
            // it stays full and the rest get a short pace. The bounds are the pace, not an observation.
            var queueFull = false;
            foreach (var client in clients)
            {
                client.SetNonBlocking(true);
                client.Connect(listener.LocalEndPoint);
                queueFull |= Wait.Within(client, Wait.Writable, ConnectOutcome.PaceMs(queueFull)) == 0;
            }

            // Ignored SYNs are retried after a second or more; half a second shows who got in and who waits.
            // Not known on Windows: it answers an overflowing SYN with an RST but retries a refused connect for
            // about 2 s (libuv#2896), so at half a second those are most likely still pending, as the FAQ says.
            Wait.Within(clients[^1], Wait.Writable, 500);
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
    /// turns writable and SO_ERROR tells the result. A connect that settled at once is its own result.</summary>
    [Claim("tcp.nonblocking-connect", Layer = "raw")]
    public void ANonBlockingConnectSettlesAtOnceOrLaterAndSoErrorTellsTheResult()
    {
        using var listener = Sockets.Listener().AsRaw();
        using (var client = Sockets.Tcp().AsRaw())
        {
            client.SetNonBlocking(true);
            var connect = client.Connect(listener.LocalEndPoint);
            Observe("ok:connect", connect);
            Observe("ok:so-error", Outcome(connect, client, "the connection to complete"));
        }

        using var refusing = RefusingEndpoint.Tcp();
        using var refused = Sockets.Tcp().AsRaw();
        refused.SetNonBlocking(true);
        var refusal = refused.Connect(refusing.EndPoint);
        Observe("refused:connect", refusal);
        Observe("refused:so-error", Outcome(refusal, refused, "the refusal"));
    }

    /// <summary>What a non-blocking connect came to: SO_ERROR once the socket is writable while it was in progress
    /// (EINPROGRESS; Winsock's WSAEWOULDBLOCK, named EAGAIN), else what connect() itself said ("0" for success).</summary>
    private static string Outcome(SysResult connect, RawSocket socket, string what)
    {
        if (connect.OkOrError is "EINPROGRESS" or "EAGAIN")
        {
            Wait.For(socket, Wait.Writable, what);
            return socket.PendingError().ToString();
        }

        return connect.Ok ? "0" : connect.OkOrError;
    }

    [Claim("tcp.connect-timeout", Layer = "raw")]
    public void ConnectCanBeCutShortWithANonBlockingConnectAndAWait()
    {
        // Backlog 1, not 0: XNU turns listen(0) into the system maximum (solisten: backlog <= 0 -> somaxconn).
        using var listener = Sockets.Listener(backlog: 1).AsRaw();
        var clients = new List<RawSocket>();
        try
        {
            // Fill the accept queue until a connection attempt is left waiting (its SYNs dropped).
            RawSocket? waiting = null;
            SysResult connect = default;
            while (waiting is null && clients.Count < 16)
            {
                var client = Sockets.Tcp().AsRaw();
                clients.Add(client);
                client.SetNonBlocking(true);
                connect = client.Connect(listener.LocalEndPoint);
                if (Wait.Within(client, Wait.Writable, 100) == 0)
                {
                    waiting = client;
                }
            }

            if (waiting is null)
            {
                // FreeBSD's syncache completes every handshake and resets the ones the full queue cannot take
                // (net.inet.tcp.syncache.rst_on_sock_fail), so no connect is ever left waiting on loopback.
                throw Inconclusive("16 connections to a listener with backlog 1 all completed their handshake: this stack "
                    + "leaves no connect() waiting on loopback, so there is no connect to cut short");
            }

            Observe("connect", connect);
            Observe("writable-within-300ms", Wait.Within(waiting, Wait.Writable, 300) != 0);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
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
