using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Udp.Buffers;

/// <summary>FAQ 5.9: the receive buffer counts buffer space, not payload; FIONREAD counts bytes.</summary>
public sealed class ReceiveBufferTests : ClaimTest
{
    [Claim("udp.fionread", Layer = "raw")]
    public void FionreadReturnsTheBytesQueuedNotTheMessages()
    {
        using var receiver = Loopback.UdpBound();
        using var sender = Loopback.UdpBound();
        sender.SendTo(new byte[10], receiver.LocalEndPoint).Expect("sendto() of 10 bytes");
        sender.SendTo(new byte[20], receiver.LocalEndPoint).Expect("sendto() of 20 bytes");
        Wait.For(receiver, Wait.Readable, "the datagrams");

        var bytes = 0;
        var result = receiver.Ioctl(Sys.C.FIONREAD, ref bytes);
        Observe("fionread", result.Ok ? SysResult.Of(bytes) : result);
    }

    /// <summary>Not known on Windows: whether AFD charges a datagram's overhead to SO_RCVBUF at all; if it counts
    /// payload only (as gVisor does), about 409 datagrams fit and the claim differs there.</summary>
    [Claim("udp.rcvbuf-accounting", Layer = "raw")]
    public void SmallDatagramsFillTheReceiveBufferSoonerThanTheirBytesSuggest()
    {
        using var receiver = Loopback.UdpBound();
        using var sender = Loopback.UdpBound();
        receiver.SetInt(Sys.C.SOL_SOCKET, Sys.C.SO_RCVBUF, 4096).Expect("setsockopt(SO_RCVBUF 4096)");
        for (var i = 0; i < 2000; i++)
        {
            sender.SendTo(new byte[10], receiver.LocalEndPoint).Expect("sendto() of 10 bytes");
        }

        var queued = Datagrams.Drain(receiver, expected: 1).Count;
        Observe("queued", queued);
        Observe("payload-bytes", queued * 10);
        Observe("rcvbuf", receiver.GetInt(Sys.C.SOL_SOCKET, Sys.C.SO_RCVBUF));
    }
}
