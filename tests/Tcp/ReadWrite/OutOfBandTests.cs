using System.Text;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.ReadWrite;

/// <summary>FAQ 2.23: urgent ("out-of-band") data, flagged as a socket exception and kept apart from the stream.</summary>
public sealed class OutOfBandTests : ClaimTest
{
    [Claim("tcp.oob", Layer = "raw")]
    public void UrgentDataArrivesApartFromTheStreamAndIsFlaggedAsAnException()
    {
        using var pair = TcpPair.Connect();
        Peer.Send(pair.Client, "abc"u8);
        pair.Client.Send("A"u8, Sys.C.MSG_OOB).Expect("send(MSG_OOB)");

        Observe("exceptfds", Select.Fired(pair.Server, SelectSet.Except, Wait.ExpectedMs));
        Observe("atmark-before", AtMark(pair.Server));
        Observe("normal-read", pair.Server.Recv(100));
        Observe("atmark-after", AtMark(pair.Server));
        // Never blocking: a stack without urgent data support may wait forever for a byte that went in-line.
        var oob = new byte[1];
        pair.Server.SetNonBlocking(true);
        var got = pair.Server.Recv(oob, Sys.C.MSG_OOB);
        Observe("oob-byte", got.Ok ? Encoding.ASCII.GetString(oob, 0, (int)got.Value) : got.ToString());
    }

    [Claim("tcp.oob-inline", Layer = "raw")]
    public void WithOobInlineTheUrgentByteStaysInTheStream()
    {
        using var pair = TcpPair.Connect();
        pair.Server.SetInt(Sys.C.SOL_SOCKET, Sys.C.SO_OOBINLINE, 1).Expect("setsockopt(SO_OOBINLINE)");
        Peer.Send(pair.Client, "abc"u8);
        pair.Client.Send("A"u8, Sys.C.MSG_OOB).Expect("send(MSG_OOB)");

        // Reads stop at the urgent mark, so gather until all four bytes are in.
        var stream = new StringBuilder();
        var buffer = new byte[16];
        while (stream.Length < 4)
        {
            Wait.For(pair.Server, Wait.Readable, "the rest of the stream");
            var n = pair.Server.Recv(buffer).Expect("recv()");
            if (n == 0)
            {
                break;
            }

            stream.Append(Encoding.ASCII.GetString(buffer, 0, (int)n));
        }

        Observe("stream", stream.ToString());
    }

    private static SysResult AtMark(RawSocket socket)
    {
        var mark = 0;
        var result = socket.Ioctl(Sys.C.SIOCATMARK, ref mark);
        return result.Ok ? SysResult.Of(mark) : result;
    }
}
