using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.Accepting;

/// <summary>FAQ 2.10 and 4.9: what accept() gives back, and what it does with a connection already reset.</summary>
public sealed class AcceptTests : ClaimTest
{
    [Claim("tcp.getpeername")]
    public void GetpeernameGivesTheClientsAddressAsAcceptDid()
    {
        using var listener = Loopback.Listener();
        using var client = RawSocket.Tcp();
        client.Connect(listener.LocalEndPoint).Expect("connect()");
        var (accepted, server, fromAccept) = listener.Accept();
        using var _ = server;
        accepted.Expect("accept()");

        var peer = server!.PeerEndPoint;
        Observe("matches-accept", Equals(peer, fromAccept));
        Observe("matches-client", Equals(peer, client.LocalEndPoint));
    }

    [Claim("tcp.accept-addrlen")]
    public void TheAddressLengthOfAcceptMustBeInitialised()
    {
        using var listener = Loopback.Listener();
        using var first = RawSocket.Tcp();
        using var second = RawSocket.Tcp();
        first.Connect(listener.LocalEndPoint).Expect("connect() of the first client");
        second.Connect(listener.LocalEndPoint).Expect("connect() of the second client");

        var (zeroResult, zeroSocket, zeroWritten) = listener.AcceptWithLength(0);
        using (zeroSocket)
        {
            ObserveOk("len-0:accept", zeroResult);
            Observe("len-0:filled", zeroWritten is not null);
        }

        var (fullResult, fullSocket, fullWritten) = listener.AcceptWithLength(SockAddr.StorageSize);
        using (fullSocket)
        {
            fullResult.Expect("accept() with the full length");
            Observe("len-full:filled", Equals(fullWritten, second.LocalEndPoint));
        }
    }

    [Claim("tcp.accept-after-reset")]
    public void AcceptOfAConnectionResetBeforehandNeverBlocksANonBlockingListener()
    {
        using var listener = Loopback.Listener();
        listener.SetNonBlocking(true);
        var client = RawSocket.Tcp();
        using (client)
        {
            client.Connect(listener.LocalEndPoint).Expect("connect()");
            Wait.For(listener, Wait.Readable, "the pending connection");
            Peer.CloseWithRst(client);
        }

        var (accepted, socket, _) = listener.Accept();
        using (socket)
        {
            ObserveOk("accept", accepted);
            Observe("read-on-accepted", socket is null ? "none" : socket.Recv(16).ToString());
        }
    }
}
