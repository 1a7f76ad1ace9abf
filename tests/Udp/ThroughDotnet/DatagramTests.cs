using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Udp.ThroughDotnet;

/// <summary>FAQ 5.3 and 5.4 through System.Net.Sockets: ICMP errors on datagram Sockets, connected and not. Bodies of
/// their own until the error read without waiting has a form at the Task-based layer.</summary>
public sealed class DatagramTests : ClaimTest
{
    private static IPEndPoint At(Socket socket) => Managed.Local(socket);

    [Claim("udp.connected-icmp", Layer = "dotnet")]
    public void AConnectedSocketGetsConnectionRefusedOnTheNextCall() => ConnectedToAClosedPort(Managed.UdpBound(), ClosedPort());

    [Claim("udp.v6-connected-icmp", Layer = "dotnet")]
    public void OverIpv6AConnectedSocketGetsConnectionRefusedOnTheNextCall()
    {
        Loopback6.Require();
        ConnectedToAClosedPort(new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp), new IPEndPoint(IPAddress.IPv6Loopback, ClosedPort(IPAddress.IPv6Loopback).Port), bind: IPAddress.IPv6Loopback);
    }

    private static IPEndPoint ClosedPort(IPAddress? address = null)
    {
        using var probe = new Socket((address ?? Loopback.Address).AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(address ?? Loopback.Address, 0));
        return At(probe);
    }

    private static void ConnectedToAClosedPort(Socket bound, IPEndPoint closed, IPAddress? bind = null)
    {
        using var socket = bound;
        if (bind is not null)
        {
            socket.Bind(new IPEndPoint(bind, 0));
        }

        socket.Connect(closed);
        socket.Send([1]);
        socket.Poll(TimeSpan.FromMilliseconds(Wait.ExpectedMs), SelectMode.SelectRead);
        socket.Blocking = false;
        Observe("recv#1", Managed.Call(() => socket.Receive(new byte[16])));
        Observe("recv#2", Managed.Call(() => socket.Receive(new byte[16])));
    }

    [Claim("udp.unconnected-icmp", Layer = "dotnet")]
    public void AnUnconnectedSocketGetsNoIcmpErrors()
    {
        using var socket = Managed.UdpBound();
        socket.SendTo([1], ClosedPort());
        socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead);
        socket.Blocking = false;
        EndPoint from = new IPEndPoint(Loopback.Any, 0);
        Observe("recvfrom", Managed.Call(() => socket.ReceiveFrom(new byte[16], ref from)));
    }

    private static void LargestDatagram(IPAddress address, int[] sizes)
    {
        using var receiver = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var sender = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { SendBufferSize = 1 << 20 };
        receiver.Bind(new IPEndPoint(address, 0));
        var to = At(receiver);
        SysResult Send(int size) => Managed.Call(() => sender.SendTo(new byte[size], to));
        foreach (var size in sizes)
        {
            Observe(size.ToString(System.Globalization.CultureInfo.InvariantCulture), Send(size));
        }

        int lo = 0, hi = 1 << 17;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = Send(mid).Ok ? (mid, hi) : (lo, mid);
        }

        Observe("largest", lo);
    }

}
