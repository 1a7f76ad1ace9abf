using System.Text;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.ReadWrite;

/// <summary>FAQ 2.18: read() is recv() with no flags, write() is send() with no flags.</summary>
public sealed class ReadRecvTests : ClaimTest
{
    private delegate SysResult Receive(RawSocket socket, byte[] buffer);

    [Claim("tcp.read-is-recv", Layer = "raw")]
    public void ReadIsRecvWithFlagsZeroAndPeekDoesNotConsume()
    {
        if (!Sys.IsPosix)
        {
            throw Unsupported("Windows has no read()/write() on sockets, as FAQ 2.18's portability note says");
        }

        using var connection = Connection.Open();
        var pair = (Client: connection.Client.AsRaw(), Server: connection.Server.AsRaw()); // read() beside recv(): the raw layer's own calls
        pair.Client.Write("abc"u8).Expect("write()");
        Observe("write-recv", Text(pair.Server, (s, b) => s.Recv(b)) == "abc");

        pair.Client.Send("def"u8).Expect("send()");
        Observe("send-read", Text(pair.Server, (s, b) => s.Read(b)) == "def");

        pair.Client.Send("ghi"u8).Expect("send()");
        var peeked = Text(pair.Server, (s, b) => s.Recv(b, Sys.C.MSG_PEEK));
        var read = Text(pair.Server, (s, b) => s.Read(b));
        Observe("peek-then-read", peeked == "ghi" && read == "ghi");
    }

    private static string Text(RawSocket socket, Receive receive)
    {
        Wait.For(socket, Wait.Readable, "the bytes sent");
        var buffer = new byte[16];
        var count = receive(socket, buffer).Expect("the receiving call");
        return Encoding.ASCII.GetString(buffer, 0, (int)count);
    }
}
