using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Connecting;

/// <summary>FAQ 3.6: let connect() choose the client's port; binding one yourself invites TIME_WAIT trouble.</summary>
public sealed class ClientPortTests : ClaimTest
{
    [Claim("tcp.ephemeral-port")]
    public void ConnectPicksAPortFromTheEphemeralRange()
    {
        var range = EphemeralPorts.Range() ?? throw Inconclusive($"the ephemeral port range of {Sys.Os} is not readable from here");
        using var listener = Sockets.Listener();
        using var client = Sockets.Tcp();
        client.Connect(listener.LocalEndPoint).Expect("connect()");

        var port = client.Port;
        Observe("in-range", port >= range.First && port <= range.Last);
        Observe("range", $"{range.First}-{range.Last}");
    }

    /// <summary>FAQ 3.6's client binds its port itself, with no option: after the server's active close the server holds
    /// TIME_WAIT for that 4-tuple, and the next connect from the same port may be refused, dropped (left pending) or
    /// let through (the stack recycles the TIME_WAIT). Not known on Windows; the FAQ's values stand until a run shows
    /// them. At the .NET layer the client asks for no option either (on Unix Socket.Bind sets SO_REUSEADDR all the same).</summary>
    [Claim("tcp.client-port-reuse")]
    public void ReusingTheClientPortAfterTheServersActiveCloseMayBeRefused()
    {
        using var listener = Sockets.Listener();
        int clientPort;
        using (var pair = Connection.To(listener, Sockets.SetUp(Sockets.Tcp(), client => client.Bind(Loopback.AnyPort).Expect("bind() of the client"))))
        {
            clientPort = pair.Client.Port;
            TimeWait.ActiveClose(active: pair.Server, passive: pair.Client);
        }

        using var again = Sockets.Tcp();
        var rebind = again.Bind(Loopback.Port(clientPort));
        ObserveOk("rebind", rebind);
        if (!rebind.Ok)
        {
            Observe("connect", "not-tried");
            return;
        }

        again.SetNonBlocking(true).Expect("O_NONBLOCK");
        // A server that drops the SYN leaves connect() waiting for retries: three seconds tells.
        Observe("connect", ConnectOutcome.Settled(again.Connect(listener.LocalEndPoint), again, 3000));
    }
}
