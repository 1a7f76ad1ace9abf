using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Dotnet = Conformance.Fixtures.Managed.Managed;

namespace Conformance.Fixtures.SocketLayers;

/// <summary>Sockets of the layer and family of the claim running now, as <see cref="Loopback"/> follows the family:
/// a claim's one body asks for "a TCP socket" and gets the raw calls', System.Net.Sockets' or its Task-based
/// methods', in IPv4 or IPv6, by the test's own layer and family.</summary>
public static class Sockets
{
    /// <summary>The layer of the claim running now (the raw layer outside a claim).</summary>
    public static Layer Layer => Layers.Of(ClaimRecorder.Running?.Layer);

    public static LayerSocket Tcp(AddressFamily? family = null) => Open(family ?? Loopback.Family.AddressFamily, SocketType.Stream);

    public static LayerSocket Udp(AddressFamily? family = null) => Open(family ?? Loopback.Family.AddressFamily, SocketType.Dgram);

    /// <summary>A TCP socket listening on the loopback address at a port the OS picked.</summary>
    public static LayerSocket Listener(int backlog = 16, bool reuseAddress = false) => SetUp(reuseAddress ? ReusingAddress(Tcp()) : Tcp(), listener =>
    {
        listener.Bind(Loopback.AnyPort).Expect($"bind({Loopback.Family.Print(Loopback.Address)}:0)");
        listener.Listen(backlog).Expect("listen()");
    });

    /// <summary><paramref name="socket"/> with SO_REUSEADDR set (Socket's ReuseAddress option at the .NET layers, which on
    /// Unix sets SO_REUSEPORT too); closed if the option fails.</summary>
    public static LayerSocket ReusingAddress(LayerSocket socket) =>
        SetUp(socket, s => s.SetOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, 1).Expect("setsockopt(SO_REUSEADDR)"));

    /// <summary>A UDP socket bound to the loopback address at a port the OS picked.</summary>
    public static LayerSocket UdpBound() =>
        SetUp(Udp(), socket => socket.Bind(Loopback.AnyPort).Expect($"bind({Loopback.Family.Print(Loopback.Address)}:0) of a UDP socket"));

    /// <summary>Runs <paramref name="setup"/> on a new socket and hands it back; a setup that throws closes it first.</summary>
    public static LayerSocket SetUp(LayerSocket socket, Action<LayerSocket> setup)
    {
        try
        {
            setup(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>select() over sockets of one layer for readability (Socket.Select at the .NET layers, which have no
    /// Task-based form of it): the value it returned (how many fired) and which fired.</summary>
    public static (SysResult Result, bool[] Fired) SelectReadable(IReadOnlyList<LayerSocket> sockets, int limitMs) =>
        Select(sockets, SelectSet.Read, limitMs);

    /// <summary>Whether select() puts the socket in its exception set within the limit (urgent data): select()'s
    /// exceptfds, Socket.Select's error list.</summary>
    public static bool SelectExcept(LayerSocket socket, int limitMs) => Select([socket], SelectSet.Except, limitMs).Fired[0];

    /// <summary>select() over sockets of one layer, each watched in one set (readfds, writefds or exceptfds; at the .NET
    /// layers Socket.Select's read, write or error list): the value it returned (how many fired, or the error the
    /// runtime threw) and which fired.</summary>
    public static (SysResult Result, bool[] Fired) Select(IReadOnlyList<LayerSocket> sockets, SelectSet set, int limitMs)
    {
        if (sockets.All(s => s is RawLayerSocket))
        {
            var fired = new bool[sockets.Count];
            return (Sys.Calls.Select([.. sockets.Select(s => s.Handle)], set, limitMs, fired), fired);
        }

        var managed = sockets.Cast<DotnetSocket>().Select(s => s.Socket).ToList();
        var watched = new List<Socket>(managed);
        var result = Dotnet.Call(() =>
        {
            Socket.Select(set == SelectSet.Read ? watched : null, set == SelectSet.Write ? watched : null,
                set == SelectSet.Except ? watched : null, TimeSpan.FromMilliseconds(limitMs));
            return watched.Count;
        });
        return (result, [.. managed.Select(s => result.Ok && watched.Contains(s))]);
    }

    private static LayerSocket Open(AddressFamily family, SocketType type) => Open(Layer, family, type);

    /// <summary>One line per layer: the socket implementation a layer's calls go through.</summary>
    public static LayerSocket Open(Layer layer, AddressFamily family, SocketType type)
    {
        var protocol = type == SocketType.Stream ? ProtocolType.Tcp : ProtocolType.Udp;
        return layer.Name switch
        {
            "raw" => new RawLayerSocket(type == SocketType.Stream ? RawSocket.Tcp(family) : RawSocket.Udp(family)),
            "dotnet" => new DotnetSocket(new Socket(family, type, protocol)),
            "dotnet-async" => new DotnetAsyncSocket(new Socket(family, type, protocol)),
            var other => throw new InvalidOperationException($"no socket implementation for layer '{other}': add one to Sockets.Open"),
        };
    }
}

/// <summary>A connected TCP pair on loopback in the running claim's layer and family: the client that connected and
/// the server socket the listener accepted; the listener is closed once the connection is accepted unless kept.</summary>
public sealed class Connection : IDisposable
{
    private Connection(LayerSocket client, LayerSocket server, LayerSocket? listener)
    {
        Client = client;
        Server = server;
        Listener = listener;
    }

    public LayerSocket Client { get; }
    public LayerSocket Server { get; }
    public LayerSocket? Listener { get; }

    public static Connection Open(bool keepListener = false, bool reuseAddress = false)
    {
        var listener = Sockets.Listener(reuseAddress: reuseAddress);
        try
        {
            var (client, server) = Accepted(listener, Sockets.Tcp());
            if (!keepListener)
            {
                listener.Dispose();
            }

            return new Connection(client, server, keepListener ? listener : null);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Connects <paramref name="client"/> (a fresh socket, or one the scenario bound first) to a listener the
    /// scenario keeps, and accepts it.</summary>
    public static Connection To(LayerSocket listener, LayerSocket? client = null)
    {
        var (connected, server) = Accepted(listener, client ?? Sockets.Tcp());
        return new Connection(connected, server, null);
    }

    /// <summary>connect(), then accept() once the pending connection is there (bounded: a connection that never
    /// arrives is the scenario breaking, not a blocked accept); the client is closed if that fails.</summary>
    private static (LayerSocket Client, LayerSocket Server) Accepted(LayerSocket listener, LayerSocket client)
    {
        try
        {
            client.Connect(listener.LocalEndPoint).Expect("connect() to the loopback listener");
            Wait.For(listener, Wait.Readable, "the pending connection");
            var (accepted, server, _) = listener.Accept();
            accepted.Expect("accept()");
            return (client, server!);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        Listener?.Dispose();
    }
}
