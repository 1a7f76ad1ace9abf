using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.ThroughDotnet;

/// <summary>FAQ 2.10 and 2.16 through System.Net.Sockets: what waits in a listener's queue, and what Accept makes
/// of a queued connection that was reset.</summary>
public sealed class AcceptQueueTests : ClaimTest
{
    /// <summary>FAQ 2.10's hazard: Socket.Select says the listener is readable, the connection is reset before
    /// Accept, and a blocking Accept then fails, hands over the reset connection, or blocks. It runs on its own
    /// thread with a bound; a call still blocked then is released by a second connection and recorded as
    /// "blocked".</summary>
    [Claim("tcp.accept-after-reset", Layer = "dotnet")]
    public void ABlockingAcceptAfterSelectOfAConnectionResetInBetween()
    {
        using var listener = Managed.Listener();
        using (var client = Managed.Tcp())
        {
            client.Connect(listener.LocalEndPoint!);
            if (!SelectSaysReadable(listener, Wait.ExpectedMs))
            {
                throw new ScenarioException("Socket.Select never said the listener was readable");
            }

            Managed.CloseWithRst(client);
        }

        // A stack that drops the reset connection from the queue makes the listener unreadable again: a short
        // bound for what may not happen.
        Wait.Until(() => !SelectSaysReadable(listener, 0), 200, stepMs: 5);

        using var second = Managed.Tcp();
        var call = BlockedCall<(SysResult Result, Socket? Socket)>.Start(() =>
        {
            Socket? accepted = null;
            var result = Managed.Call(() => accepted = listener.Accept());
            return (result, accepted);
        });
        var ((result, socket), blocked) = call.Within(1000, () => second.Connect(listener.LocalEndPoint!));
        using (socket)
        {
            Observe("accept", blocked ? "blocked" : result.OkOrError);
            Observe("read-on-accepted", blocked || socket is null ? "none" : ReceiveWithoutWaiting(socket).ToString());
        }
    }

    private static bool SelectSaysReadable(Socket listener, int limitMs)
    {
        var readable = new List<Socket> { listener };
        Socket.Select(readable, null, null, TimeSpan.FromMilliseconds(limitMs));
        return readable.Count > 0;
    }

    private static SysResult ReceiveWithoutWaiting(Socket socket)
    {
        socket.Blocking = false;
        return Managed.Call(() => socket.Receive(new byte[16]));
    }

    /// <summary>Non-blocking Connects into a listener with a backlog of one, each given time to settle; then who
    /// got in, who waits, and who was turned away, by Poll and the Error option.</summary>
    [Claim("tcp.backlog-overflow", Layer = "dotnet")]
    public void ConnectionsBeyondTheBacklogAreIgnoredNotRefused()
    {
        using var listener = Managed.Listener(backlog: 1);
        var clients = Enumerable.Range(0, 8).Select(_ => Managed.Tcp()).ToList();
        try
        {
            // Each handshake completes before the next Connect, as at the raw layer (see ConnectOutcome.PaceMs).
            var queueFull = false;
            foreach (var client in clients)
            {
                client.Blocking = false;
                Managed.Call(() => client.Connect(listener.LocalEndPoint!));
                queueFull |= !Managed.ConnectSettled(client, ConnectOutcome.PaceMs(queueFull));
            }

            // Ignored SYNs are retried after a second or more; half a second shows who got in and who waits.
            Managed.ConnectSettled(clients[^1], 500);
            foreach (var (outcome, count) in ConnectOutcome.Tally(clients.Select(Outcome).ToList()))
            {
                Observe(outcome, count);
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static string Outcome(Socket client)
    {
        var settled = Managed.ConnectSettled(client, 0);
        return ConnectOutcome.Of(settled, settled ? Managed.PendingError(client) : null);
    }
}
