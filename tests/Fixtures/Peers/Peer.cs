using Conformance.Fixtures.Claims;
using Conformance.Fixtures.SocketLayers;
using Conformance.Fixtures.Native;
using Dotnet = Conformance.Fixtures.Managed.Managed;

namespace Conformance.Fixtures.Peers;

/// <summary>How a peer ends a connection, in the FAQ's terms.</summary>
public static class Peer
{
    /// <summary>Waits for data and reads it at any layer: how many bytes arrived, up to <paramref name="max"/>.</summary>
    public static int Receive(LayerSocket socket, int max = 4096)
    {
        Wait.For(socket, Wait.Readable, "data from the peer");
        return (int)socket.Receive(new byte[max]).Expect("recv()");
    }

    /// <summary>The orderly close, at any layer: close() or Socket.Close, which sends a FIN.</summary>
    public static void CloseWithFin(LayerSocket peer)
    {
        if (peer.Close() is { Ok: false } failed)
        {
            throw new ScenarioException($"close() failed with {failed}");
        }
    }

    /// <summary>The abortive close, at any layer: SO_LINGER {1, 0} (LingerState {true, 0}), then close, sends an RST.</summary>
    public static void CloseWithRst(LayerSocket peer)
    {
        peer.SetLinger(on: true, seconds: 0).Expect("SO_LINGER {1, 0}");
        CloseWithFin(peer);
    }

    /// <summary>Writes all of <paramref name="data"/> at any layer (a blocking socket; loopback takes small writes at once).</summary>
    public static void Send(LayerSocket peer, byte[] data)
    {
        var sent = peer.Send(data).Expect("send()");
        if (sent != data.Length)
        {
            throw new ScenarioException($"send() of {data.Length} bytes sent {sent}");
        }
    }

    /// <summary>Fills the send path of a connection, at any layer, and leaves the socket as it was: setup, not an
    /// observation, so it is done with non-blocking sends even where the layer's own calls have no non-blocking form
    /// (the Task-based methods; the synchronous Send on the same Socket does). Returns how many bytes it queued.</summary>
    public static long FillSendBuffer(LayerSocket socket)
    {
        long total = 0;
        switch (socket)
        {
            case RawLayerSocket raw:
                raw.Raw.SetNonBlocking(true);
                total = FillSendBuffer(raw.Raw);
                raw.Raw.SetNonBlocking(false);
                break;
            case DotnetSocket managed:
                managed.Socket.Blocking = false;
                var chunk = new byte[65536];
                while (Dotnet.Call(() => managed.Socket.Send(chunk)) is { Ok: true } sent)
                {
                    total += sent.Value;
                }

                managed.Socket.Blocking = true;
                break;
        }

        return total;
    }

    /// <summary>Fills the send path (our send buffer and the peer's receive buffer) of a non-blocking socket.</summary>
    private static long FillSendBuffer(RawSocket nonBlocking)
    {
        var chunk = new byte[65536];
        long total = 0;
        while (true)
        {
            var sent = nonBlocking.Send(chunk);
            if (!sent.Ok)
            {
                return sent.Error!.Name == "EAGAIN" ? total : throw new ScenarioException($"send() while filling the buffer failed with {sent.Error}");
            }

            total += sent.Value;
        }
    }
}

/// <summary>A connection that the peer has closed and then reset: the next write fails with EPIPE (FAQ 2.22:
/// you write to a connection the other end closed, its TCP answers with an RST).</summary>
public static class BrokenConnection
{
    public static Connection AfterPeerClosedAndReset()
    {
        var pair = Connection.Open();
        try
        {
            Peer.CloseWithFin(pair.Server);
            Wait.For(pair.Client, Wait.Readable, "the peer's FIN");
            pair.Client.Send([1]).Expect("the write that draws the RST");
            WaitForReset(pair.Client);
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    /// <summary>The peer's RST has arrived. A socket already at EOF is readable whatever follows, and no poll()
    /// event marks the RST on every OS (XNU and FreeBSD never report POLLERR for it, and an empty event mask
    /// never wakes there), so this waits, bounded, for the kernel's own TCP state to leave the connection:
    /// closed, or its control block gone (the state query then fails with ECONNRESET, EINVAL or ENOTCONN).</summary>
    public static void WaitForReset(LayerSocket socket) => WaitForReset(socket.Handle);

    /// <summary>As <see cref="WaitForReset(LayerSocket)"/> for any socket handle (a System.Net.Sockets Socket's too):
    /// the wait reads the kernel's state; it observes nothing the claim records.</summary>
    public static void WaitForReset(nint handle)
    {
        string? unanswerable = null;
        bool Closed()
        {
            var state = Sys.Calls.TcpState(handle);
            if (state.Ok)
            {
                return state.Value == Sys.C.TCP_STATE_CLOSED;
            }

            if (state.Error!.Name is "ECONNRESET" or "EINVAL" or "ENOTCONN")
            {
                return true;
            }

            unanswerable = state.Error.ToString();
            return true;
        }

        if (!Wait.Until(Closed, Wait.ExpectedMs, stepMs: 5))
        {
            throw new ScenarioException($"the peer's RST did not arrive within {Wait.ExpectedMs} ms (the connection's TCP state never became closed)");
        }

        if (unanswerable is not null)
        {
            throw new ClaimNotObservedException(Verdict.Inconclusive,
                $"this platform does not report a connection's TCP state (it failed with {unanswerable}), and nothing else tells when the peer's RST has arrived");
        }
    }
}
