using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Options.NoDelay;

/// <summary>FAQ 2.11 and 2.16: Nagle is on unless TCP_NODELAY (NoDelay) turns it off, per socket.</summary>
public sealed class NoDelayTests : ClaimTest
{
    [Claim("opt.nodelay")]
    public void NodelayIsOffByDefaultAndCanBeSetPerSocket()
    {
        using var socket = Sockets.Tcp();
        Observe("default", socket.GetOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay));
        ObserveOk("set", socket.SetOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, 1));
        Observe("readback", socket.GetOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay));
    }
}
