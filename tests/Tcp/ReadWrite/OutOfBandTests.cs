using System.Net.Sockets;
using System.Text;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.ReadWrite;

/// <summary>FAQ 2.23: urgent ("out-of-band") data, flagged as a socket exception and kept apart from the stream. The
/// client sends, the server observes, at every layer.</summary>
public sealed class OutOfBandTests : ClaimTest
{
    /// <summary>The urgent byte is read without waiting: a stack without urgent data may wait forever for a byte that
    /// went in-line. The Task-based methods have no such read, so that layer leaves "oob-byte" unobserved.</summary>
    [Claim("tcp.oob")]
    public void UrgentDataArrivesApartFromTheStreamAndIsFlaggedAsAnException()
    {
        using var pair = Connection.Open();
        Peer.Send(pair.Client, "abc"u8.ToArray());
        pair.Client.Send("A"u8.ToArray(), SocketFlags.OutOfBand).Expect("send(MSG_OOB)");
        Observe("exceptfds", Sockets.SelectExcept(pair.Server, Wait.ExpectedMs));
        Observe("atmark-before", pair.Server.AtMark());
        Observe("normal-read", pair.Server.Receive(new byte[100]));
        Observe("atmark-after", pair.Server.AtMark());
        var nonBlocking = pair.Server.SetNonBlocking(true);
        if (nonBlocking.NotVisible is not null)
        {
            Observe("oob-byte", nonBlocking);
            return;
        }

        var oob = new byte[1];
        var got = pair.Server.Receive(oob, SocketFlags.OutOfBand);
        Observe("oob-byte", got.Ok ? Encoding.ASCII.GetString(oob, 0, (int)got.Value) : got.ToString());
    }

    [Claim("tcp.oob-inline")]
    public void WithOobInlineTheUrgentByteStaysInTheStream()
    {
        using var pair = Connection.Open();
        pair.Server.SetOption(SocketOptionLevel.Socket, SocketOptionName.OutOfBandInline, 1).Expect("setsockopt(SO_OOBINLINE)");
        Peer.Send(pair.Client, "abc"u8.ToArray());
        pair.Client.Send("A"u8.ToArray(), SocketFlags.OutOfBand).Expect("send(MSG_OOB)");

        // Reads stop at the urgent mark, so gather until all four bytes are in.
        var stream = new StringBuilder();
        var buffer = new byte[16];
        while (stream.Length < 4)
        {
            Wait.For(pair.Server, Wait.Readable, "the rest of the stream");
            var n = pair.Server.Receive(buffer).Expect("recv()");
            if (n == 0)
            {
                break;
            }

            stream.Append(Encoding.ASCII.GetString(buffer, 0, (int)n));
        }

        Observe("stream", stream.ToString());
    }
}
