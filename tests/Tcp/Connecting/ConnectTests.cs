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
        // Backlog 1, not 0: XNU turns listen(0) into the system maximum (solisten: backlog <= 0 -> somaxconn).
        using var listener = Sockets.Listener(backlog: 1);
        var clients = new List<LayerSocket>();
        try
        {
            // Fill the accept queue until a connection attempt is left waiting (its SYNs dropped).
            LayerSocket? waiting = null;
            SysResult connect = default;
            while (waiting is null && clients.Count < 16)
            {
                var client = Sockets.Tcp();
                clients.Add(client);
                client.SetNonBlocking(true).Expect("O_NONBLOCK");
                connect = client.Connect(listener.LocalEndPoint);
                if (!client.ConnectSettled(100))
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
            Observe("writable-within-300ms", waiting.ConnectSettled(300));
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
