using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Udp.Icmp;

/// <summary>FAQ 5.3 and 5.4: ICMP port unreachable reaches a connected UDP socket as ECONNREFUSED, once. The wait
/// is for select() readability: a pending socket error puts a socket in the read set on all four (Linux's
/// select counts POLLERR as readable; XNU's filt_soread and FreeBSD's soreadable count so_error; Winsock's
/// select() reports it), while POLLERR is never set by XNU or FreeBSD for a socket error and WSAPoll may not
/// even be asked for it. The reads never wait: the Task-based methods have no read that does not, so there a read
/// is made only while select() says the socket is readable, and the others are left unobserved.</summary>
public sealed class IcmpErrorTests : ClaimTest
{
    [Claim("udp.connected-icmp")]
    public void AConnectedSocketGetsEconnrefusedOnTheNextCallThenItIsCleared() =>
        ConnectedToAClosedPort(IPAddress.Loopback);

    /// <summary>The same over IPv6 loopback: an ICMPv6 port unreachable (RFC 4443), where the FAQ knew ICMP.</summary>
    [Claim("udp.v6-connected-icmp")]
    public void OverIpv6AConnectedSocketGetsEconnrefusedOnTheNextCallThenItIsCleared()
    {
        Loopback6.Require();
        ConnectedToAClosedPort(IPAddress.IPv6Loopback);
    }

    /// <summary>One body for both families: connect() to a port nobody listens on, send, and read twice.</summary>
    private static void ConnectedToAClosedPort(IPAddress loopback)
    {
        // The socket first, then the closed port: the port a closed probe gave back could otherwise be the very next one
        // bound, and the socket would be connected to itself (seen once in a run of thousands: recv#1 read its own byte).
        using var socket = Bound(loopback);
        socket.Connect(ClosedPort(loopback)).Expect("connect() to a closed port");
        socket.Send([1]).Expect("send()");
        // Bounded; a stack that never signals the error (Wine's select does not) is observed all the same: the
        // next call then tells whether an error was pending.
        Sockets.SelectReadable([socket], Wait.ExpectedMs);
        Observe("recv#1", ReadWithoutWaiting(socket, s => s.Receive(new byte[16])));
        Observe("recv#2", ReadWithoutWaiting(socket, s => s.Receive(new byte[16])));
    }

    [Claim("udp.unconnected-icmp")]
    public void AnUnconnectedSocketGetsNoIcmpErrors()
    {
        using var socket = Bound(Loopback.Address);
        socket.SendTo([1], ClosedPort(Loopback.Address)).Expect("sendto() a closed port");
        // An error that is expected not to come: a short bound.
        Sockets.SelectReadable([socket], 200);
        Observe("recvfrom", ReadWithoutWaiting(socket, s => s.ReceiveFrom(new byte[16]).Result));
    }

    /// <summary>A read that does not wait: non-blocking where the layer has that mode; at a layer without it, only
    /// while poll() reports the socket readable or in error (a datagram, a pending error), else nothing is observed.
    /// (Socket.Select does not count a pending error as readable on Unix, so the guard is the OS's poll.)</summary>
    private static SysResult ReadWithoutWaiting(LayerSocket socket, Func<LayerSocket, SysResult> read)
    {
        var nonBlocking = socket.SetNonBlocking(true);
        return nonBlocking.NotVisible is null || Wait.Within(socket, Wait.Readable, 0) != 0 ? read(socket) : nonBlocking;
    }

    private static LayerSocket Bound(IPAddress loopback) =>
        Sockets.SetUp(Sockets.Udp(loopback.AddressFamily), s => s.Bind(new IPEndPoint(loopback, 0)).Expect($"bind({loopback}:0) of a UDP socket"));

    /// <summary>A loopback UDP port with nobody on it: the OS picked it for a socket that is closed again, so a
    /// datagram sent there draws an ICMP port unreachable. Made after the socket that sends there, whose port it
    /// therefore cannot be.</summary>
    private static IPEndPoint ClosedPort(IPAddress loopback)
    {
        using var probe = Bound(loopback);
        return probe.LocalEndPoint;
    }
}
