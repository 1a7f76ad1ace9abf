using System.Net.Sockets;
using System.Text;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
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

        Observe("oob-byte", ReceiveUrgentByte(pair.Server));
    }

    /// <summary>FAQ 2.23: "the out-of-bound data may be lost if your application can't keep up with it". Two urgent
    /// bytes, 'A' then 'B', reach a receiver that has read nothing: the sender waits until its kernel holds nothing
    /// unacknowledged (<see cref="SendQueue"/>), so the receiver's kernel has both. Then the urgent byte is read, and the
    /// stream up to a tail of normal data sent last; "in-band" is what the stream held besides the tail.</summary>
    [Claim("tcp.oob-lost")]
    public void ASecondUrgentByteBeforeTheFirstIsReadTakesItsPlace()
    {
        using var pair = Connection.Open();
        pair.Client.Send("A"u8.ToArray(), SocketFlags.OutOfBand).Expect("send(MSG_OOB) of 'A'");
        pair.Client.Send("B"u8.ToArray(), SocketFlags.OutOfBand).Expect("send(MSG_OOB) of 'B'");
        Peer.Send(pair.Client, Tail);
        SendQueue.WaitAcknowledged(pair.Client, "the urgent bytes and the tail");

        var nonBlocking = pair.Server.SetNonBlocking(true);
        if (nonBlocking.NotVisible is not null)
        {
            Observe("oob-byte", nonBlocking);
        }
        else
        {
            Observe("oob-byte", ReceiveUrgentByte(pair.Server));
            pair.Server.SetNonBlocking(false).Expect("blocking again");
        }

        Observe("in-band", InBandBesidesTail(pair.Server));
    }

    private static readonly byte[] Tail = Enumerable.Repeat((byte)'z', 100).ToArray();

    private static string ReceiveUrgentByte(LayerSocket socket)
    {
        var oob = new byte[1];
        var got = socket.Receive(oob, SocketFlags.OutOfBand);
        return got.Ok ? Encoding.ASCII.GetString(oob, 0, (int)got.Value) : got.ToString();
    }

    /// <summary>Reads the stream until the whole tail is in (reads stop at an urgent mark, so it takes several) and
    /// returns the bytes that were not the tail's, or "none".</summary>
    private static string InBandBesidesTail(LayerSocket socket)
    {
        var others = new StringBuilder();
        var tail = 0;
        var buffer = new byte[2048];
        while (tail < Tail.Length)
        {
            Wait.For(socket, Wait.Readable, "the rest of the stream");
            var n = socket.Receive(buffer).Expect("recv()");
            if (n == 0)
            {
                break;
            }

            foreach (var b in buffer.AsSpan(0, (int)n))
            {
                if (b == 'z')
                {
                    tail++;
                }
                else
                {
                    others.Append((char)b);
                }
            }
        }

        return others.Length == 0 ? "none" : others.ToString();
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
