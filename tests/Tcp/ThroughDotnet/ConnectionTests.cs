using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.ThroughDotnet;

/// <summary>FAQ 3.5-3.7 through System.Net.Sockets: connects left in progress. Bodies of their own until the layer
/// socket reads a connect's outcome the way Winsock reports a failed one (only in select()'s error set).</summary>
public sealed class ConnectionTests : ClaimTest
{
    /// <summary>Non-blocking, Socket.Connect throws what the runtime makes of EINPROGRESS; SO_ERROR is read as
    /// SocketOptionName.Error, which the runtime reports as a SocketError.</summary>
    [Claim("tcp.nonblocking-connect", Layer = "dotnet")]
    public void ANonBlockingConnectReportsInProgressAndTheErrorOptionTellsTheResult()
    {
        using var listener = Sockets.Listener();
        using (var layerClient = Sockets.Tcp())
        {
            var client = layerClient.AsSocket();
            client.Blocking = false;
            Observe("ok:connect", Managed.Call(() => client.Connect(listener.LocalEndPoint)));
            WaitWritable(client, "the connection to complete");
            Observe("ok:so-error", PendingError(client));
        }

        using var refusing = RefusingEndpoint.Tcp();
        using var layerRefused = Sockets.Tcp();
        var refused = layerRefused.AsSocket();
        refused.Blocking = false;
        Observe("refused:connect", Managed.Call(() => refused.Connect(refusing.EndPoint)));
        WaitWritable(refused, "the refusal");
        Observe("refused:so-error", PendingError(refused));
    }

    private static void WaitWritable(Socket socket, string what)
    {
        if (!Managed.ConnectSettled(socket, Wait.ExpectedMs))
        {
            throw new ScenarioException($"{what} did not come within {Wait.ExpectedMs} ms");
        }
    }

    private static string PendingError(Socket socket) => Managed.PendingError(socket)?.Name ?? "0";

    [Claim("tcp.connect-timeout", Layer = "dotnet")]
    public void ConnectCanBeCutShortWithANonBlockingConnectAndAWait()
    {
        using var listener = Sockets.Listener(backlog: 1);
        var clients = new List<Socket>();
        try
        {
            Socket? waiting = null;
            SysResult connect = default;
            while (waiting is null && clients.Count < 16)
            {
                var client = Sockets.Tcp().AsSocket();
                clients.Add(client);
                client.Blocking = false;
                connect = Managed.Call(() => client.Connect(listener.LocalEndPoint));
                if (!client.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectWrite))
                {
                    waiting = client;
                }
            }

            if (waiting is null)
            {
                throw Inconclusive("16 connections to a listener with backlog 1 all completed their handshake: this stack "
                    + "leaves no connect waiting on loopback, so there is no connect to cut short");
            }

            Observe("connect", connect);
            Observe("writable-within-300ms", waiting.Poll(TimeSpan.FromMilliseconds(300), SelectMode.SelectWrite));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>As at the raw layer, the client binds its port without asking for ReuseAddress (on Unix Socket.Bind sets
    /// SO_REUSEADDR all the same).</summary>
    [Claim("tcp.client-port-reuse", Layer = "dotnet")]
    public void ReusingTheClientPortAfterTheServersActiveCloseMayBeRefused()
    {
        using var listener = Sockets.Listener();
        int clientPort;
        using (var pair = Connection.To(listener, Sockets.SetUp(Sockets.Tcp(), client => client.Bind(Loopback.AnyPort).Expect("bind() of the client"))))
        {
            clientPort = pair.Client.Port;
            TimeWait.ActiveClose(active: pair.Server, passive: pair.Client);
        }

        using var layerAgain = Sockets.Tcp();
        var again = layerAgain.AsSocket();
        var rebind = Managed.Call(() => again.Bind(Loopback.Port(clientPort)));
        ObserveOk("rebind", rebind);
        if (!rebind.Ok)
        {
            Observe("connect", "not-tried");
            return;
        }

        again.Blocking = false;
        Managed.Call(() => again.Connect(listener.LocalEndPoint));
        // The Error option is read once: reading it clears it.
        Observe("connect", !Managed.ConnectSettled(again, 3000) ? "pending" : Managed.PendingError(again)?.Name ?? "OK");
    }
}
