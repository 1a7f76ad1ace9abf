using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Udp.Messages;

/// <summary>FAQ 1.4 and 5.8: a datagram is one message, with a maximum size, cut to the reader's buffer.</summary>
public sealed class DatagramTests : ClaimTest
{
    [Claim("udp.message-boundaries")]
    public void DatagramSocketsCarryOneMessageAtATime()
    {
        using var receiver = Sockets.UdpBound();
        using var sender = Sockets.UdpBound();
        foreach (var size in new[] { 1, 2, 3 })
        {
            sender.SendTo(new byte[size], receiver.LocalEndPoint).Expect("sendto()");
        }

        for (var i = 1; i <= 3; i++)
        {
            Wait.For(receiver, Wait.Readable, $"datagram {i}");
            Observe($"recv#{i}", receiver.Receive(new byte[100]));
        }
    }

    [Claim("udp.max-datagram")]
    public void TheMaximumDatagramIs65516Bytes() => LargestDatagram(IPAddress.Loopback, [65507, 65508, 65516]);

    /// <summary>Over IPv6 the limit is the 16-bit payload length, which counts the 8-byte UDP header but not the
    /// 40-byte IPv6 header: 65527 bytes of data without jumbograms (RFC 8200 section 3, RFC 2675).</summary>
    [Claim("udp.v6-max-datagram")]
    public void OverIpv6TheMaximumDatagramIs65527Bytes()
    {
        Loopback6.Require();
        LargestDatagram(IPAddress.IPv6Loopback, [65527, 65528]);
    }

    /// <summary>One body for both families: sends of the given sizes, then the largest that goes, by bisection.</summary>
    private static void LargestDatagram(IPAddress loopback, int[] sizes)
    {
        using var receiver = Sockets.SetUp(Sockets.Udp(loopback.AddressFamily), s => s.Bind(new IPEndPoint(loopback, 0)).Expect("bind() of the receiver"));
        using var sender = Sockets.Udp(loopback.AddressFamily);
        // macOS caps datagrams at net.inet.udp.maxdgram unless the send buffer is raised; raise it everywhere.
        sender.SetOption(SocketOptionLevel.Socket, SocketOptionName.SendBuffer, 1 << 20).Expect("setsockopt(SO_SNDBUF 1 MiB)");
        var to = receiver.LocalEndPoint;
        SysResult Send(int size) => sender.SendTo(new byte[size], to);
        foreach (var size in sizes)
        {
            Observe(size.ToString(System.Globalization.CultureInfo.InvariantCulture), Send(size));
        }

        int lo = 0, hi = 1 << 17; // lo sends, hi does not
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = Send(mid).Ok ? (mid, hi) : (lo, mid);
        }

        Observe("largest", lo);
    }

    /// <summary>recvmsg() reports MSG_TRUNC; at the .NET layers ReceiveMessageFrom reports it as SocketFlags.Truncated,
    /// and the runtime may turn the truncation into an error: recv#1 shows which.</summary>
    [Claim("udp.truncation")]
    public void OnlyTheFirstPartOfADatagramLargerThanTheBufferGetsThrough()
    {
        using var receiver = Sockets.UdpBound();
        using var sender = Sockets.UdpBound();
        sender.SendTo(new byte[200], receiver.LocalEndPoint).Expect("sendto() of 200 bytes");
        sender.SendTo(new byte[5], receiver.LocalEndPoint).Expect("sendto() of 5 bytes");
        Wait.For(receiver, Wait.Readable, "the 200-byte datagram");
        Observe("recv#1", receiver.ReceiveMessage(new byte[100], out var truncated));
        Observe("trunc-flag", truncated);
        Wait.For(receiver, Wait.Readable, "the 5-byte datagram");
        Observe("recv#2", receiver.Receive(new byte[100]));
    }
}
