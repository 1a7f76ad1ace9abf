using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Accepting;

/// <summary>FAQ 2.10 and 4.9: what accept() gives back, and what it does with a connection already reset.</summary>
public sealed class AcceptTests : ClaimTest
{
    /// <summary>At the .NET layers accept()'s address is the accepted Socket's RemoteEndPoint (the address accept()
    /// returned, kept), and getpeername a real call: a Socket made from the descriptor asks the OS.</summary>
    [Claim("tcp.getpeername")]
    public void GetpeernameGivesTheClientsAddressAsAcceptDid()
    {
        using var listener = Sockets.Listener();
        using var client = Sockets.Tcp();
        client.Connect(listener.LocalEndPoint).Expect("connect()");
        var (accepted, server, fromAccept) = listener.Accept();
        using var _ = server;
        accepted.Expect("accept()");
        var peer = server!.PeerName();
        Observe("matches-accept", Equals(peer, fromAccept));
        Observe("matches-client", Equals(peer, client.LocalEndPoint));
    }

    [Claim("tcp.accept-addrlen")]
    public void TheAddressLengthOfAcceptMustBeInitialised()
    {
        using var listener = Sockets.Listener().AsRaw();
        using var first = Sockets.Tcp().AsRaw();
        using var second = Sockets.Tcp().AsRaw();
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
            // The address of the connection this accept returned, whichever client that is: Winsock fails the
            // zero-length accept before it takes a connection off the queue, so there this one returns the first.
            Observe("len-full:filled", fullWritten is not null && Equals(fullWritten, fullSocket!.PeerEndPoint));
        }
    }

    /// <summary>FAQ 2.10's hazard: select() says the listener is readable, the connection is reset before
    /// accept(), and a blocking accept() then either fails (EPROTO on STREAMS stacks, ECONNABORTED per POSIX),
    /// hands over the reset connection, or blocks. Then the FAQ's fix: the same on a listener in non-blocking mode,
    /// where accept() must return at once (EAGAIN when the connection is gone). Each accept runs on its own thread
    /// with a bound; a call still blocked then is released by a second connection and recorded as "blocked".</summary>
    [Claim("tcp.accept-after-reset")]
    public void AnAcceptAfterSelectOfAConnectionResetInBetweenMayBlockUnlessTheListenerIsNonBlocking()
    {
        using (var listener = Sockets.Listener())
        {
            var (accepted, socket, blocked) = AcceptAfterAReset(listener);
            using (socket)
            {
                Observe("accept", blocked ? "blocked" : accepted.OkOrError);
                // Read without waiting; the Task-based methods have no such read, so that layer leaves the key unobserved.
                if (socket?.SetNonBlocking(true) is { NotVisible: not null } invisible)
                {
                    Observe("read-on-accepted", invisible);
                }
                else
                {
                    Observe("read-on-accepted", blocked || socket is null ? "none" : socket.Receive(new byte[16]).ToString());
                }
            }
        }

        // A new listener, so no connection of the first half is still queued on it.
        using var fixedListener = Sockets.Listener();
        if (fixedListener.SetNonBlocking(true) is { NotVisible: not null } cannot)
        {
            Observe("nonblocking:accept", cannot);
            return;
        }

        var (result, fixedSocket, stillBlocked) = AcceptAfterAReset(fixedListener);
        using (fixedSocket)
        {
            Observe("nonblocking:accept", stillBlocked ? "blocked" : result.OkOrError);
        }
    }

    /// <summary>A client connects, select() says <paramref name="listener"/> is readable, the client resets the
    /// connection, and accept() is called on a thread of its own: what it returned, or that it blocked (a second
    /// connect then releases it).</summary>
    private static (SysResult Result, LayerSocket? Socket, bool Blocked) AcceptAfterAReset(LayerSocket listener)
    {
        using (var client = Sockets.Tcp())
        {
            client.Connect(listener.LocalEndPoint).Expect("connect()");

            if (!Sockets.SelectReadable([listener], Wait.ExpectedMs).Fired[0])
            {
                throw new ScenarioException("select() never said the listener was readable");
            }

            Peer.CloseWithRst(client);
        }

        // The RST reaches the queued connection at once on loopback; a stack that drops the connection from the
        // queue makes the listener unreadable again. A short bound for what may not happen.
        Wait.Until(() => !Sockets.SelectReadable([listener], 0).Fired[0], 200, stepMs: 5);

        using var second = Sockets.Tcp();
        var call = BlockedCall<(SysResult Result, LayerSocket? Socket)>.Start(() =>
        {
            var (result, socket, _) = listener.Accept();
            return (result, socket);
        });
        var ((accepted, socket), blocked) = call.Within(1000, () => second.Connect(listener.LocalEndPoint).Expect("connect() that releases the accept"));
        return (accepted, socket, blocked);
    }
}
