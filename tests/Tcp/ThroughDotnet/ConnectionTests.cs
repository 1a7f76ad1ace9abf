using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.ThroughDotnet;

/// <summary>FAQ 2.4, 3.3, 3.5-3.7, 4.4, 4.8, 4.9 through System.Net.Sockets: binding, connecting and accepting.</summary>
public sealed class ConnectionTests : ClaimTest
{
    [Claim("tcp.close-after-failed-bind", Layer = "dotnet")]
    public void ASocketWhoseBindFailedCanSimplyBeClosed()
    {
        using var holder = Managed.Listener();
        var socket = Managed.Tcp();
        ObserveOk("bind", Managed.Call(() => socket.Bind(holder.LocalEndPoint!)));
        ObserveOk("close", Managed.Call(socket.Close));
    }

    [Claim("tcp.connect-before-accept", Layer = "dotnet")]
    public void ConnectCompletesOnceTheServerListensBeforeAccept()
    {
        using var listener = Managed.Listener();
        using var client = Managed.Tcp();
        ObserveOk("connect", Managed.Call(() => client.Connect(listener.LocalEndPoint!)));
    }

    /// <summary>Non-blocking, Socket.Connect throws what the runtime makes of EINPROGRESS; SO_ERROR is read as
    /// SocketOptionName.Error, which the runtime reports as a SocketError.</summary>
    [Claim("tcp.nonblocking-connect", Layer = "dotnet")]
    public void ANonBlockingConnectReportsInProgressAndTheErrorOptionTellsTheResult()
    {
        using var listener = Managed.Listener();
        using (var client = Managed.Tcp())
        {
            client.Blocking = false;
            Observe("ok:connect", Managed.Call(() => client.Connect(listener.LocalEndPoint!)));
            WaitWritable(client, "the connection to complete");
            Observe("ok:so-error", PendingError(client));
        }

        using var refusing = RefusingEndpoint.Tcp();
        using var refused = Managed.Tcp();
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
        using var listener = Managed.Listener(backlog: 1);
        var clients = new List<Socket>();
        try
        {
            Socket? waiting = null;
            SysResult connect = default;
            while (waiting is null && clients.Count < 16)
            {
                var client = Managed.Tcp();
                clients.Add(client);
                client.Blocking = false;
                connect = Managed.Call(() => client.Connect(listener.LocalEndPoint!));
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

    [Claim("tcp.connect-refused", Layer = "dotnet")]
    public void ConnectToAPortNobodyListensOnIsRefusedAtOnce()
    {
        using var refusing = RefusingEndpoint.Tcp();
        using var client = Managed.Tcp();
        var stopwatch = Stopwatch.StartNew();
        Observe("connect", Managed.Call(() => client.Connect(refusing.EndPoint)));
        Observe("prompt", stopwatch.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Claim("tcp.ephemeral-port", Layer = "dotnet")]
    public void ConnectPicksAPortFromTheEphemeralRange()
    {
        var range = EphemeralPorts.Range() ?? throw Inconclusive($"the ephemeral port range of {Sys.Os} is not readable from here");
        using var listener = Managed.Listener();
        using var client = Managed.Tcp();
        client.Connect(listener.LocalEndPoint!);
        var port = Managed.Local(client).Port;
        Observe("in-range", port >= range.First && port <= range.Last);
        Observe("range", $"{range.First}-{range.Last}");
    }

    /// <summary>ReuseAddress is what a C# program sets before binding a client port again.</summary>
    [Claim("tcp.client-port-reuse", Layer = "dotnet")]
    public void ReusingTheClientPortAfterTheServersActiveCloseMayBeRefused()
    {
        using var listener = Managed.Listener();
        int clientPort;
        using (var first = Managed.Tcp())
        {
            first.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            first.Bind(Loopback.AnyPort);
            first.Connect(listener.LocalEndPoint!);
            clientPort = Managed.Local(first).Port;
            using var server = listener.Accept();
            Managed.ActiveClose(active: server, passive: first);
        }

        using var again = Managed.Tcp();
        again.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        var rebind = Managed.Call(() => again.Bind(Loopback.Port(clientPort)));
        ObserveOk("rebind", rebind);
        if (!rebind.Ok)
        {
            Observe("connect", "not-tried");
            return;
        }

        again.Blocking = false;
        Managed.Call(() => again.Connect(listener.LocalEndPoint!));
        // The Error option is read once: reading it clears it.
        Observe("connect", !Managed.ConnectSettled(again, 3000) ? "pending" : Managed.PendingError(again)?.Name ?? "OK");
    }

    [Claim("tcp.select-many-listeners", Layer = "dotnet")]
    public void SelectReportsTheListenerWithAPendingConnection()
    {
        using var first = Managed.Listener();
        using var second = Managed.Listener();
        using var third = Managed.Listener();
        using var client = Managed.Tcp();
        client.Connect(second.LocalEndPoint!);
        var listeners = new List<Socket> { first, second, third };
        var readable = new List<Socket>(listeners);
        Socket.Select(readable, null, null, TimeSpan.FromMilliseconds(Wait.ExpectedMs));
        Observe("ready", string.Join(",", listeners.Select((l, i) => (l, i)).Where(p => readable.Contains(p.l)).Select(p => p.i)));
    }

    [Claim("tcp.privileged-port", Layer = "dotnet")]
    public void BindingAPortBelow1024NeedsRoot()
    {
        if (!Sys.IsPosix)
        {
            using var plain = Managed.Tcp();
            Observe("bind", Managed.Call(() => plain.Bind(Loopback.Port(1023))).OkOrError);
            return;
        }

        if (!Fixtures.Native.Posix.Privileges.CanRunUnprivileged)
        {
            throw Inconclusive("needs a non-root process: run the suite as an ordinary user (a root process drops privileges on its own thread only on Linux)");
        }

        Observe("bind", Fixtures.Native.Posix.Privileges.AsNobody(() =>
        {
            using var socket = Managed.Tcp();
            return Managed.Call(() => socket.Bind(Loopback.Port(1023))).OkOrError;
        }));
    }

    /// <summary>DualMode is IPV6_V6ONLY off, as System.Net.Sockets names it.</summary>
    [Claim("tcp.v4-mapped-peer", Layer = "dotnet")]
    public void AnIpv6ListenerServesIpv4ClientsAsV4MappedPeers()
    {
        Loopback6.Require();
        using (var byDefault = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp))
        {
            ObserveOk("default:bind-mapped", Managed.Call(() => byDefault.Bind(new IPEndPoint(Loopback6.MappedLoopback, 0))));
        }

        using var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        listener.Bind(new IPEndPoint(Loopback6.MappedLoopback, 0));
        listener.Listen(4);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        ObserveOk("v6only-off:connect", Managed.Call(() => client.Connect(new IPEndPoint(IPAddress.Loopback, Managed.Local(listener).Port))));
        using var server = listener.Accept();
        Observe("v6only-off:accepted-from", Loopback6.Kind((IPEndPoint?)server.RemoteEndPoint));
        Observe("v6only-off:getpeername", Loopback6.Kind((IPEndPoint?)server.RemoteEndPoint));
    }

    [Claim("tcp.dual-stack-bind", Layer = "dotnet")]
    public void BindingTheIpv4AndIpv6WildcardsToOnePortConflictsUnlessV6Only()
    {
        Loopback6.Require();
        ObserveOk("v6only-off", SecondBind(dualMode: true, reuseAddress: false));
        ObserveOk("v6only-on", SecondBind(dualMode: false, reuseAddress: false));
        ObserveOk("v6only-off-reuseaddr", SecondBind(dualMode: true, reuseAddress: true));
    }

    private static SysResult SecondBind(bool dualMode, bool reuseAddress)
    {
        using var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = dualMode };
        if (reuseAddress)
        {
            v4.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            v6.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }

        // A port free in both families, so the IPv4 socket is the only thing the second bind can meet.
        var port = Loopback6.TcpPortFreeInBothFamilies();
        v4.Bind(new IPEndPoint(IPAddress.Any, port));
        return Managed.Call(() => v6.Bind(new IPEndPoint(IPAddress.IPv6Any, port)));
    }
}
