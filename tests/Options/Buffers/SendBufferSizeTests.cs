using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Options.Buffers;

/// <summary>FAQ 4.14: the socket's send buffer is not stdio's buffer, and a one-byte one is "the Wrong Thing": what the
/// system makes of SO_SNDBUF 1.</summary>
public sealed class SendBufferSizeTests : ClaimTest
{
    [Claim("opt.sndbuf-one")]
    public void ASendBufferOfOneByteIsNotWhatTheSystemKeeps()
    {
        using var socket = Sockets.Tcp();
        ObserveOk("set", socket.SetOption(SocketOptionLevel.Socket, SocketOptionName.SendBuffer, 1));
        Observe("readback", socket.GetOption(SocketOptionLevel.Socket, SocketOptionName.SendBuffer));
    }
}
