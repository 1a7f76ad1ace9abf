using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Udp.Buffers;

/// <summary>FAQ 5.9: the receive buffer counts buffer space, not payload; FIONREAD (Socket.Available) counts bytes.</summary>
public sealed class ReceiveBufferTests : ClaimTest
{
    [Claim("udp.fionread")]
    public void FionreadReturnsTheBytesQueuedNotTheMessages()
    {
        using var receiver = Sockets.UdpBound();
        using var sender = Sockets.UdpBound();
        sender.SendTo(new byte[10], receiver.LocalEndPoint).Expect("sendto() of 10 bytes");
        sender.SendTo(new byte[20], receiver.LocalEndPoint).Expect("sendto() of 20 bytes");
        Wait.For(receiver, Wait.Readable, "the datagrams");
        Observe("fionread", receiver.Available());
    }

    /// <summary>Not known on Windows: whether AFD charges a datagram's overhead to SO_RCVBUF at all; if it counts
    /// payload only (as gVisor does), about 409 datagrams fit and the claim differs there.</summary>
    [Claim("udp.rcvbuf-accounting")]
    public void SmallDatagramsFillTheReceiveBufferSoonerThanTheirBytesSuggest()
    {
        using var receiver = Sockets.UdpBound();
        using var sender = Sockets.UdpBound();
        receiver.SetOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer, 4096).Expect("setsockopt(SO_RCVBUF 4096)");
        for (var i = 0; i < 2000; i++)
        {
            sender.SendTo(new byte[10], receiver.LocalEndPoint).Expect("sendto() of 10 bytes");
        }

        var queued = Datagrams.Drain(receiver, expected: 1).Count;
        Observe("queued", queued);
        Observe("payload-bytes", queued * 10);
        Observe("rcvbuf", receiver.GetOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer));
    }
}
