using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.Closing;

/// <summary>FAQ 2.1: how a socket tells that the other end closed.</summary>
public sealed class PeerCloseTests : ClaimTest
{
    [Claim("tcp.read-zero-after-fin")]
    public void ReadReturnsZeroAfterTheFinAndOnEveryCallAfter()
    {
        using var pair = TcpPair.Connect();
        Peer.CloseWithFin(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's FIN");

        Observe("read#1", pair.Client.Read(100));
        Observe("read#2", pair.Client.Read(100));
        Observe("read#3", pair.Client.Read(100));
    }
}
