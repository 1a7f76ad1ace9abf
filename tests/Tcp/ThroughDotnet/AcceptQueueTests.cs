using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.ThroughDotnet;

/// <summary>FAQ 2.16 through System.Net.Sockets: what waits in a listener's queue. A body of its own until the layer
/// socket reads a connect's outcome the way Winsock reports a failed one (only in select()'s error set).</summary>
public sealed class AcceptQueueTests : ClaimTest
{
    /// <summary>Non-blocking Connects into a listener with a backlog of one, each given time to settle; then who
    /// got in, who waits, and who was turned away, by Poll and the Error option.</summary>
    [Claim("tcp.backlog-overflow", Layer = "dotnet")]
    public void ConnectionsBeyondTheBacklogAreIgnoredNotRefused()
    {
        using var listener = Sockets.Listener(backlog: 1);
        var clients = Enumerable.Range(0, 8).Select(_ => Sockets.Tcp().AsSocket()).ToList();
        try
        {
            // Each handshake completes before the next Connect, as at the raw layer (see ConnectOutcome.PaceMs).
            var queueFull = false;
            foreach (var client in clients)
            {
                client.Blocking = false;
                Managed.Call(() => client.Connect(listener.LocalEndPoint));
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
