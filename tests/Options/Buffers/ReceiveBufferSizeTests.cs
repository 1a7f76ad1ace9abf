using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Options.Buffers;

/// <summary>FAQ 5.9: the size a receive buffer is set to, as the system reports it back.</summary>
public sealed class ReceiveBufferSizeTests : ClaimTest
{
    [Claim("opt.rcvbuf-readback")]
    public void TheReceiveBufferReadsBackAsSet()
    {
        using var socket = Sockets.Udp();
        socket.SetOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer, 4096).Expect("setsockopt(SO_RCVBUF 4096)");
        Observe("readback", socket.GetOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer));
    }
}
