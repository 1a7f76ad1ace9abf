using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Closing;

/// <summary>FAQ 2.1 and 2.22: how a socket tells that the other end closed, or aborted. One body per claim, run at
/// every layer: read() and write() are Receive and Send through System.Net.Sockets, which has no others.</summary>
public sealed class PeerCloseTests : ClaimTest
{
    private static readonly byte[] OneByte = [1];

    [Claim("tcp.read-zero-after-fin")]
    public void ReadReturnsZeroAfterTheFinAndOnEveryCallAfter()
    {
        using var pair = Connection.Open();
        Peer.CloseWithFin(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's FIN");

        Observe("read#1", pair.Client.Read(100));
        Observe("read#2", pair.Client.Read(100));
        Observe("read#3", pair.Client.Read(100));
    }

    [Claim("tcp.write-after-peer-close")]
    public void FirstWriteAfterThePeerClosedSucceedsTheOneAfterFailsWithEpipe()
    {
        using var pair = Connection.Open();
        Peer.CloseWithFin(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's FIN");

        Observe("write#1", pair.Client.Write(OneByte));
        BrokenConnection.WaitForReset(pair.Client);
        Observe("write#2", pair.Client.Write(OneByte));
    }

    [Claim("tcp.read-after-rst")]
    public void ReadFailsWithEconnresetAfterThePeersAbortiveClose()
    {
        using var pair = Connection.Open();
        Peer.CloseWithRst(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's RST");

        Observe("read#1", pair.Client.Read(100));
        Observe("read#2", pair.Client.Read(100));
    }

    [Claim("tcp.write-after-rst")]
    public void WriteFailsWithEpipeAfterThePeersAbortiveClose()
    {
        using var pair = Connection.Open();
        Peer.CloseWithRst(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's RST");

        Observe("write#1", pair.Client.Write(OneByte));
        Observe("write#2", pair.Client.Write(OneByte));
    }

    /// <summary>"full" is a non-blocking write into a send path that is full and stays full; the Task-based methods
    /// have no non-blocking write, so that layer cannot ask it (the others it can).</summary>
    [Claim("tcp.write-never-zero")]
    public void WriteNeverReturnsZero()
    {
        using (var healthy = Connection.Open())
        {
            Observe("healthy", healthy.Client.Write(OneByte));
        }

        using (var full = Connection.Open())
        {
            var nonBlocking = full.Client.SetNonBlocking(true);
            Observe("full", nonBlocking.NotVisible is null ? WriteOnceFull(full.Client) : nonBlocking);
        }

        using var closed = Connection.Open();
        Peer.CloseWithFin(closed.Server);
        Wait.For(closed.Client, Wait.Readable, "the peer's FIN");
        Observe("peer-closed", closed.Client.Write(OneByte));
    }

    /// <summary>One byte written to a send path that is full and stays full. Right after a fill, ACKs still in
    /// flight can free a little room (on a slow machine, enough for a byte), so fill again until a single byte
    /// no longer fits; a write that returns 0 ends the search too, since that is what the claim is about.</summary>
    private static SysResult WriteOnceFull(LayerSocket nonBlocking)
    {
        var result = default(SysResult);
        var chunk = new byte[65536];
        for (var attempt = 0; attempt < 20; attempt++)
        {
            while (nonBlocking.Send(chunk).Ok)
            {
            }

            result = nonBlocking.Write(OneByte);
            if (!result.Ok || result.Value == 0)
            {
                return result;
            }

            // Room appeared: let the ACKs settle (a short bound for something expected not to happen), then fill again.
            Wait.Within(nonBlocking, Wait.Writable, 20);
        }

        return result;
    }
}
