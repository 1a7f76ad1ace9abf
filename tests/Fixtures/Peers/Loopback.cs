using System.Net;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>Addresses the suite may use: loopback only, ports chosen by the OS.</summary>
public static class Loopback
{
    public static IPEndPoint AnyPort => new(IPAddress.Loopback, 0);

    public static IPEndPoint Port(int port) => new(IPAddress.Loopback, port);

    /// <summary>A TCP socket listening on 127.0.0.1 at a port the OS picked.</summary>
    public static RawSocket Listener(int backlog = 16, bool reuseAddress = false) => RawSocket.Tcp().SetUp(listener =>
    {
        if (reuseAddress)
        {
            listener.SetInt(Sys.C.SOL_SOCKET, Sys.C.SO_REUSEADDR, 1).Expect("setsockopt(SO_REUSEADDR)");
        }

        listener.Bind(AnyPort).Expect("bind(127.0.0.1:0)");
        listener.Listen(backlog).Expect("listen()");
    });

    /// <summary>A UDP socket bound to 127.0.0.1 at a port the OS picked.</summary>
    public static RawSocket UdpBound() =>
        RawSocket.Udp().SetUp(socket => socket.Bind(AnyPort).Expect("bind(127.0.0.1:0) of a UDP socket"));

    /// <summary>A loopback UDP port with nobody on it: the OS picked it for a socket that is closed again, so
    /// a datagram sent there draws an ICMP port unreachable.</summary>
    public static IPEndPoint ClosedUdpPort()
    {
        using var probe = UdpBound();
        return probe.LocalEndPoint;
    }
}
