using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.ReadWrite;

/// <summary>FAQ 1.5: read() and write() may move fewer bytes than asked for.</summary>
public sealed class ShortIoTests : ClaimTest
{
    private const int EightMiB = 8 << 20;

    [Claim("tcp.short-write")]
    public void WriteMayWriteFewerBytesThanRequested()
    {
        using var pair = TcpPair.Connect();
        pair.Client.SetNonBlocking(true);
        var written = pair.Client.Write(new byte[EightMiB]);
        written.Expect("write() of 8 MiB");

        // The count depends on buffer tuning; whether it was short does not.
        Observe("partial", written.Value is > 0 and < EightMiB);
    }

    [Claim("tcp.short-read")]
    public void ReadMayReturnFewerBytesThanRequested()
    {
        using var pair = TcpPair.Connect();
        Peer.Send(pair.Server, new byte[10]);
        Wait.For(pair.Client, Wait.Readable, "the first 10 bytes");
        Peer.Send(pair.Server, new byte[10]);
        // Both writes queued before the read, on every stack (some deliver loopback data asynchronously).
        if (!Wait.Until(() => Queued(pair.Client) >= 20, Wait.ExpectedMs, stepMs: 1))
        {
            throw new ScenarioException("the second 10 bytes never arrived");
        }

        Observe("read#1", pair.Client.Read(100));
    }

    /// <summary>FIONREAD: the bytes queued for reading.</summary>
    private static int Queued(RawSocket socket)
    {
        var bytes = 0;
        socket.Ioctl(Sys.C.FIONREAD, ref bytes).Expect("ioctl(FIONREAD)");
        return bytes;
    }
}
