using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Udp.Connected;

/// <summary>FAQ 5.2 and 5.3: what connect() does to a UDP socket.</summary>
public sealed class ConnectedSocketTests : ClaimTest
{
    [Claim("udp.send-unconnected")]
    public void SendIsNotAllowedOnAnUnconnectedSocketSendtoIs()
    {
        using var receiver = Sockets.UdpBound();
        using var sender = Sockets.UdpBound();
        Observe("send", sender.Send([1]));
        Observe("sendto", sender.SendTo([1], receiver.LocalEndPoint));
    }

    [Claim("udp.connect-enables-send")]
    public void AfterConnectSendAndWriteGoToThePeer()
    {
        using var receiver = Sockets.UdpBound();
        using var sender = Sockets.UdpBound();
        sender.Connect(receiver.LocalEndPoint).Expect("connect()");
        Observe("send", sender.Send([1]));
        Observe("write", sender.Write([2]));
        Observe("received", Datagrams.Drain(receiver, expected: 2).Count);
    }

    [Claim("udp.connected-filters")]
    public void AConnectedSocketOnlyReceivesFromItsPeer()
    {
        using var receiver = Sockets.UdpBound();
        using var peer = Sockets.UdpBound();
        using var other = Sockets.UdpBound();
        receiver.Connect(peer.LocalEndPoint).Expect("connect() to the peer");
        other.SendTo("O"u8.ToArray(), receiver.LocalEndPoint).Expect("sendto() from the other socket");
        peer.SendTo("P"u8.ToArray(), receiver.LocalEndPoint).Expect("sendto() from the peer");
        Observe("received", string.Concat(Datagrams.Drain(receiver, expected: 1).Select(d => (char)d[0])));
    }
}
