using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Closing;

/// <summary>FAQ 2.7: what close() without SO_LINGER does with the data on either side of the connection.</summary>
public sealed class CloseDataTests : ClaimTest
{
    /// <summary>"if SO_LINGER has not been called on a socket, then close() is not supposed to discard data": the peer
    /// reads nothing until after the close, so every byte queued is still unsent or unread when close() returns.</summary>
    [Claim("tcp.close-keeps-unsent-data")]
    public void CloseWithoutLingerDeliversEveryQueuedByteThenEof()
    {
        using var pair = Connection.Open();
        var queued = Peer.FillSendBuffer(pair.Client);
        Peer.CloseWithFin(pair.Client);

        long read = 0;
        var buffer = new byte[65536];
        string end;
        while (true)
        {
            Wait.For(pair.Server, Wait.Readable, $"the rest of the {queued} bytes queued before close() ({read} read)");
            var n = pair.Server.Receive(buffer);
            if (!n.Ok || n.Value == 0)
            {
                end = n.ToString();
                break;
            }

            read += n.Value;
        }

        Observe("all-read", read == queued);
        Observe("then", end);
    }

    /// <summary>RFC 1122 4.2.2.13, beyond the FAQ: a close() that leaves received data unread tells the peer data was
    /// lost with an RST, so the peer's read fails instead of reading EOF.</summary>
    [Claim("tcp.close-unread-rst")]
    public void CloseWithUnreadDataResetsTheConnection()
    {
        using var pair = Connection.Open();
        Peer.Send(pair.Server, "unread"u8.ToArray());
        Wait.For(pair.Client, Wait.Readable, "the data the client leaves unread");
        Peer.CloseWithFin(pair.Client);
        Wait.For(pair.Server, Wait.Readable, "the client's close");
        Observe("peer-read", pair.Server.Receive(new byte[16]));
    }
}
