using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Udp.Icmp;

/// <summary>FAQ 5.3 and 5.4: ICMP port unreachable reaches a connected UDP socket as ECONNREFUSED, once. The wait
/// is for select() readability: a pending socket error puts a socket in the read set on all four (Linux's
/// select counts POLLERR as readable; XNU's filt_soread and FreeBSD's soreadable count so_error; Winsock's
/// select() reports it), while POLLERR is never set by XNU or FreeBSD for a socket error and WSAPoll may not
/// even be asked for it.</summary>
public sealed class IcmpErrorTests : ClaimTest
{
    [Claim("udp.connected-icmp", Layer = "raw")]
    public void AConnectedSocketGetsEconnrefusedOnTheNextCallThenItIsCleared() =>
        ConnectedToAClosedPort(Loopback.UdpBound(), Loopback.ClosedUdpPort());

    /// <summary>The same over IPv6 loopback: an ICMPv6 port unreachable (RFC 4443), where the FAQ knew ICMP.</summary>
    [Claim("udp.v6-connected-icmp", Layer = "raw")]
    public void OverIpv6AConnectedSocketGetsEconnrefusedOnTheNextCallThenItIsCleared()
    {
        Loopback6.Require();
        ConnectedToAClosedPort(Loopback6.UdpBound(), Loopback6.ClosedUdpPort());
    }

    /// <summary>One body for both families: connect() to a port nobody listens on, send, and read twice.</summary>
    private static void ConnectedToAClosedPort(RawSocket bound, System.Net.IPEndPoint closed)
    {
        using var socket = bound;
        socket.Connect(closed).Expect("connect() to a closed port");
        socket.Send([1]).Expect("send()");
        // Bounded; a stack that never signals the error (Wine's select does not) is observed all the same: the
        // next call then tells whether an error was pending.
        Select.Fired(socket, SelectSet.Read, Wait.ExpectedMs);

        socket.SetNonBlocking(true);
        Observe("recv#1", socket.Recv(16));
        Observe("recv#2", socket.Recv(16));
    }

    [Claim("udp.unconnected-icmp", Layer = "raw")]
    public void AnUnconnectedSocketGetsNoIcmpErrors()
    {
        using var socket = Loopback.UdpBound();
        socket.SendTo([1], Loopback.ClosedUdpPort()).Expect("sendto() a closed port");
        // An error that is expected not to come: a short bound.
        Select.Fired(socket, SelectSet.Read, 200);

        socket.SetNonBlocking(true);
        Observe("recvfrom", socket.RecvFrom(new byte[16]).Result);
    }
}
