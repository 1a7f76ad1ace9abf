using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.ReadWrite;

/// <summary>FAQ 1.5: read() and write() may move fewer bytes than asked for.</summary>
public sealed class ShortIoTests : ClaimTest
{
    private const int EightMiB = 8 << 20;

    [Claim("tcp.short-write")]
    public void WriteMayWriteFewerBytesThanRequested()
    {
        using var pair = Connection.Open();
        pair.Client.SetNonBlocking(true).Expect("O_NONBLOCK");
        var written = pair.Client.Write(new byte[EightMiB]);
        written.Expect("write() of 8 MiB");

        // The count depends on buffer tuning; whether it was short does not. Not known on Windows: whether AFD
        // takes all 8 MiB of a non-blocking send into its own buffer (partial would then be false); no source or
        // test was found either way, so the FAQ's value stands until a run shows it.
        Observe("partial", written.Value is > 0 and < EightMiB);
    }

    [Claim("tcp.short-read")]
    public void ReadMayReturnFewerBytesThanRequested()
    {
        using var pair = Connection.Open();
        Peer.Send(pair.Server, new byte[10]);
        Wait.For(pair.Client, Wait.Readable, "the 10 bytes");

        // read(100) with 10 bytes queued: a short read returns them at once. A stack that waits for more is
        // released after a bound by 10 more bytes, and then returns 20: the claim differs there.
        var call = BlockedCall<SysResult>.Start(() => pair.Client.Read(100));
        var (read, _) = call.Within(1000, () => Peer.Send(pair.Server, new byte[10]));
        Observe("read#1", read);
    }
}
