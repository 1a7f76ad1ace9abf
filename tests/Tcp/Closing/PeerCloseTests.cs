using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.Closing;

/// <summary>FAQ 2.1 and 2.22: how a socket tells that the other end closed, or aborted.</summary>
public sealed class PeerCloseTests : ClaimTest
{
    private static readonly byte[] OneByte = [1];

    /// <summary>One byte written to a send path that is full and stays full. Right after a fill, ACKs still in
    /// flight can free a little room (on a slow machine, enough for a byte), so fill again until a single byte
    /// no longer fits; a write that returns 0 ends the search too, since that is what the claim is about.</summary>
    private static SysResult WriteOnceFull(RawSocket nonBlocking)
    {
        var result = default(SysResult);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            Peer.FillSendBuffer(nonBlocking);
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

    [Claim("tcp.read-zero-after-fin", Layer = "raw")]
    public void ReadReturnsZeroAfterTheFinAndOnEveryCallAfter()
    {
        using var pair = TcpPair.Connect();
        Peer.CloseWithFin(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's FIN");

        Observe("read#1", pair.Client.Read(100));
        Observe("read#2", pair.Client.Read(100));
        Observe("read#3", pair.Client.Read(100));
    }

    [Claim("tcp.write-after-peer-close", Layer = "raw")]
    public void FirstWriteAfterThePeerClosedSucceedsTheOneAfterFailsWithEpipe()
    {
        using var pair = TcpPair.Connect();
        Peer.CloseWithFin(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's FIN");

        Observe("write#1", pair.Client.Write(OneByte));
        BrokenConnection.WaitForReset(pair.Client);
        Observe("write#2", pair.Client.Write(OneByte));
    }

    [Claim("tcp.read-after-rst", Layer = "raw")]
    public void ReadFailsWithEconnresetAfterThePeersAbortiveClose()
    {
        using var pair = TcpPair.Connect();
        Peer.CloseWithRst(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's RST");

        Observe("read#1", pair.Client.Read(100));
        Observe("read#2", pair.Client.Read(100));
    }

    [Claim("tcp.write-after-rst", Layer = "raw")]
    public void WriteFailsWithEpipeAfterThePeersAbortiveClose()
    {
        using var pair = TcpPair.Connect();
        Peer.CloseWithRst(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's RST");

        Observe("write#1", pair.Client.Write(OneByte));
        Observe("write#2", pair.Client.Write(OneByte));
    }

    [Claim("tcp.write-never-zero", Layer = "raw")]
    public void WriteNeverReturnsZero()
    {
        using (var healthy = TcpPair.Connect())
        {
            Observe("healthy", healthy.Client.Write(OneByte));
        }

        using (var full = TcpPair.Connect())
        {
            full.Client.SetNonBlocking(true);
            Observe("full", WriteOnceFull(full.Client));
        }

        using var closed = TcpPair.Connect();
        Peer.CloseWithFin(closed.Server);
        Wait.For(closed.Client, Wait.Readable, "the peer's FIN");
        Observe("peer-closed", closed.Client.Write(OneByte));
    }
}
