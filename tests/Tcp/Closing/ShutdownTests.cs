using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using System.Net.Sockets;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Closing;

/// <summary>FAQ 2.6: shutdown() ends one direction, or the connection for every descriptor sharing it.</summary>
public sealed class ShutdownTests : ClaimTest
{
    [Claim("tcp.half-close")]
    public void AfterShutdownWriteThePeerReadsEofAndMayStillSend()
    {
        using var pair = Connection.Open();
        pair.Client.Shutdown(SocketShutdown.Send).Expect("shutdown(SHUT_WR)");

        // The FAQ's "reading" is any read of the stream: recv() and send(), which every socket API has.
        Wait.For(pair.Server, Wait.Readable, "the client's FIN");
        Observe("peer-read", pair.Server.Receive(new byte[100]));
        Observe("peer-write", pair.Server.Send("ok"u8.ToArray()));
        Wait.For(pair.Client, Wait.Readable, "the server's reply");
        Observe("read-after-shutdown", pair.Client.Receive(new byte[100]));
    }

    [Claim("tcp.shutdown-vs-close")]
    public void CloseOfOneDescriptorLeavesTheConnectionShutdownEndsItForAll()
    {
        if (!Sys.IsPosix)
        {
            throw Unsupported("Winsock has no dup(): a socket shared between processes is made with WSADuplicateSocket");
        }

        using var pair = Connection.Open();
        var client = pair.Client.AsRaw(); // dup() and SHUT_RDWR are the raw layer's
        using (var duplicate = client.Dup())
        {
            duplicate.Close().Expect("close() of the dup");
        }

        // Nothing should arrive: a short bound, for an event expected not to happen.
        Observe("after-close-dup", Wait.Within(pair.Server, Wait.Readable, 200) != 0);

        // Another sharer of the socket id (a dup shares the open file description as a fork's child would): after the
        // shutdown, "those who try to read will detect EOF, and those who try to write will reseive SIGPIPE" (the
        // runtime ignores SIGPIPE, so the write fails with EPIPE, and whether the kernel raised the signal is read
        // where it keeps the record, as tcp.sigpipe does).
        using var sharer = client.Dup();
        client.Shutdown(Sys.C.SHUT_RDWR).Expect("shutdown(SHUT_RDWR)");
        Observe("after-shutdown", Wait.Within(pair.Server, Wait.Readable, Wait.ExpectedMs) != 0);
        Observe("peer-read", pair.Server.Read(100));
        Observe("sharer-read", sharer.Read(100));
        using var sigpipeRaised = RaisedSignal.Watch(Sys.C.SIGPIPE!.Value);
        Observe("sharer-write", sharer.Write([1]));
        Observe("sharer-sigpipe-raised", sigpipeRaised.Raised);
    }

    /// <summary>FAQ 2.6: "0 means to disable further reading". The peer's data that comes after shutdown(SHUT_RD) is
    /// waited for until the peer's kernel has it acknowledged or reset, within a short bound.</summary>
    [Claim("tcp.shutdown-read")]
    public void ShutdownForReadingDisablesFurtherReading()
    {
        using var pair = Connection.Open();
        pair.Client.Shutdown(SocketShutdown.Receive).Expect("shutdown(SHUT_RD)");
        Observe("read#1", pair.Client.Receive(new byte[16]));
        Observe("peer-send", pair.Server.Send("abc"u8.ToArray()));
        // The shut socket is readable at EOF already, so nothing on its side signals the data's arrival: the peer's kernel
        // does, when the data is acknowledged, or answered with an RST, which makes the peer readable.
        SendQueue.WaitAcknowledgedOrReset(pair.Server, 200);
        Observe("read#2", pair.Client.Receive(new byte[16]));
    }
}
