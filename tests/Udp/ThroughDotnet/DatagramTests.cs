using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Udp.ThroughDotnet;

/// <summary>FAQ 1.4, 5.2-5.4, 5.8, 5.9 through System.Net.Sockets: datagram Sockets, connected and not.</summary>
public sealed class DatagramTests : ClaimTest
{
    private static IPEndPoint At(Socket socket) => Managed.Local(socket);

    [Claim("udp.send-unconnected", Layer = "dotnet")]
    public void SendIsNotAllowedOnAnUnconnectedSocketSendToIs()
    {
        using var receiver = Managed.UdpBound();
        using var sender = Managed.UdpBound();
        Observe("send", Managed.Call(() => sender.Send([1])));
        Observe("sendto", Managed.Call(() => sender.SendTo([1], At(receiver))));
    }

    [Claim("udp.connected-filters", Layer = "dotnet")]
    public void AConnectedSocketOnlyReceivesFromItsPeer()
    {
        using var receiver = Managed.UdpBound();
        using var peer = Managed.UdpBound();
        using var other = Managed.UdpBound();
        receiver.Connect(At(peer));
        other.SendTo("O"u8, At(receiver));
        peer.SendTo("P"u8, At(receiver));
        Observe("received", string.Concat(Managed.Drain(receiver).Select(d => (char)d[0])));
    }

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

    [Claim("udp.message-boundaries", Layer = "dotnet")]
    public void DatagramSocketsCarryOneMessageAtATime()
    {
        using var receiver = Managed.UdpBound();
        using var sender = Managed.UdpBound();
        foreach (var size in new[] { 1, 2, 3 })
        {
            sender.SendTo(new byte[size], At(receiver));
        }

        for (var i = 1; i <= 3; i++)
        {
            Managed.WaitReadable(receiver, $"datagram {i}");
            Observe($"recv#{i}", Managed.Call(() => receiver.Receive(new byte[100])));
        }
    }

    [Claim("udp.max-datagram", Layer = "dotnet")]
    public void TheMaximumDatagramIs65516Bytes() => LargestDatagram(IPAddress.Loopback, [65507, 65508, 65516]);

    [Claim("udp.v6-max-datagram", Layer = "dotnet")]
    public void OverIpv6TheMaximumDatagramIs65527Bytes()
    {
        Loopback6.Require();
        LargestDatagram(IPAddress.IPv6Loopback, [65527, 65528]);
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

    /// <summary>ReceiveMessageFrom reports MSG_TRUNC as SocketFlags.Truncated; a plain Receive is what most programs
    /// call, and the runtime may turn the truncation into an error there: recv#1 shows which.</summary>
    [Claim("udp.truncation", Layer = "dotnet")]
    public void OnlyTheFirstPartOfADatagramLargerThanTheBufferGetsThrough()
    {
        using var receiver = Managed.UdpBound();
        using var sender = Managed.UdpBound();
        sender.SendTo(new byte[200], At(receiver));
        sender.SendTo(new byte[5], At(receiver));
        Managed.WaitReadable(receiver, "the 200-byte datagram");
        var flags = SocketFlags.None;
        EndPoint from = new IPEndPoint(Loopback.Any, 0);
        Observe("recv#1", Managed.Call(() => receiver.ReceiveMessageFrom(new byte[100], ref flags, ref from, out _)));
        Observe("trunc-flag", flags.HasFlag(SocketFlags.Truncated));
        Managed.WaitReadable(receiver, "the 5-byte datagram");
        Observe("recv#2", Managed.Call(() => receiver.Receive(new byte[100])));
    }

    /// <summary>Socket.Available is FIONREAD.</summary>
    [Claim("udp.fionread", Layer = "dotnet")]
    public void AvailableReturnsTheBytesQueuedNotTheMessages()
    {
        using var receiver = Managed.UdpBound();
        using var sender = Managed.UdpBound();
        sender.SendTo(new byte[10], At(receiver));
        sender.SendTo(new byte[20], At(receiver));
        Managed.WaitReadable(receiver, "the datagrams");
        Observe("fionread", Managed.Call(() => receiver.Available));
    }

    [Claim("udp.rcvbuf-accounting", Layer = "dotnet")]
    public void SmallDatagramsFillTheReceiveBufferSoonerThanTheirBytesSuggest()
    {
        using var receiver = Managed.UdpBound();
        using var sender = Managed.UdpBound();
        receiver.ReceiveBufferSize = 4096;
        for (var i = 0; i < 2000; i++)
        {
            sender.SendTo(new byte[10], At(receiver));
        }

        var queued = Managed.Drain(receiver).Count;
        Observe("queued", queued);
        Observe("payload-bytes", queued * 10);
        Observe("rcvbuf", receiver.ReceiveBufferSize);
    }
}
