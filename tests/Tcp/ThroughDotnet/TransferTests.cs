using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.ThroughDotnet;

/// <summary>FAQ 1.5, 2.9, 2.11, 2.13, 2.18, 2.23 through System.Net.Sockets: short transfers, delivery, non-blocking
/// reads, select, peeking and urgent data.</summary>
public sealed class TransferTests : ClaimTest
{
    [Claim("tcp.short-write", Layer = "dotnet")]
    public void ANonBlockingSendMayTakeFewerBytesThanGiven()
    {
        using var pair = ManagedPair.Connect();
        pair.Client.Blocking = false;
        var sent = Managed.Call(() => pair.Client.Send(new byte[8 << 20]));
        Observe("partial", sent.Ok && sent.Value < 8 << 20);
    }

    [Claim("tcp.short-read", Layer = "dotnet")]
    public void ReceiveMayReturnFewerBytesThanAskedFor()
    {
        using var pair = ManagedPair.Connect();
        pair.Server.Send(new byte[10]);
        Managed.WaitReadable(pair.Client, "the ten bytes");
        Observe("read#1", Managed.Call(() => pair.Client.Receive(new byte[100])));
    }

    [Claim("tcp.data-delivered", Layer = "dotnet")]
    public void DataGivenToSendIsDeliveredWithoutAFlush()
    {
        using var pair = ManagedPair.Connect();
        pair.Client.Send("x"u8);
        Observe("delivered", pair.Server.Poll(TimeSpan.FromMilliseconds(Wait.ExpectedMs), SelectMode.SelectRead));
    }

    [Claim("tcp.nonblocking-read-empty", Layer = "dotnet")]
    public void ANonBlockingReceiveWithNoDataFailsInsteadOfBlocking()
    {
        using var pair = ManagedPair.Connect();
        pair.Client.Blocking = false;
        Observe("read#1", Managed.Call(() => pair.Client.Receive(new byte[100])));
    }

    [Claim("tcp.select-timeout", Layer = "dotnet")]
    public void SelectWithNothingReadyReturnsAfterTheTimeout()
    {
        using var pair = ManagedPair.Connect();
        var readable = new List<Socket> { pair.Client };
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        Socket.Select(readable, null, null, TimeSpan.FromMilliseconds(100));
        Observe("result", readable.Count);
        Observe("waited-at-least-timeout", stopwatch.ElapsedMilliseconds >= 100);
    }

    [Claim("tcp.select-readable-on-eof", Layer = "dotnet")]
    public void SelectReportsEofAsReadableAndReceiveThenReturnsZero()
    {
        using var pair = ManagedPair.Connect();
        pair.Server.Close();
        var readable = new List<Socket> { pair.Client };
        Socket.Select(readable, null, null, TimeSpan.FromMilliseconds(Wait.ExpectedMs));
        Observe("select", readable.Count == 1);
        Observe("read#1", Managed.Call(() => pair.Client.Receive(new byte[100])));
    }

    /// <summary>Socket has no read() and write(): NetworkStream's Read and Write stand for them, Receive and Send for
    /// recv() and send(), and SocketFlags.Peek for MSG_PEEK.</summary>
    [Claim("tcp.read-is-recv", Layer = "dotnet")]
    public void StreamReadIsReceiveAndPeekDoesNotConsume()
    {
        using var pair = ManagedPair.Connect();
        using var clientStream = new NetworkStream(pair.Client, ownsSocket: false);
        using var serverStream = new NetworkStream(pair.Server, ownsSocket: false);
        var buffer = new byte[16];

        clientStream.Write("a"u8);
        Managed.WaitReadable(pair.Server, "the written byte");
        Observe("write-recv", pair.Server.Receive(buffer) == 1 && buffer[0] == 'a');

        pair.Server.Send("b"u8);
        Managed.WaitReadable(pair.Client, "the sent byte");
        Observe("send-read", clientStream.Read(buffer) == 1 && buffer[0] == 'b');

        pair.Server.Send("c"u8);
        Managed.WaitReadable(pair.Client, "the byte to peek");
        var peeked = pair.Client.Receive(buffer, SocketFlags.Peek) == 1 && buffer[0] == 'c';
        Observe("peek-then-read", peeked && clientStream.Read(buffer) == 1 && buffer[0] == 'c');
    }

    /// <summary>Socket.Select's error list is select()'s exceptfds; SIOCATMARK is IOControlCode.OobDataRead, whose
    /// answer Winsock inverts (the raw layer keeps Winsock's own; here the runtime's answer is what is seen).</summary>
    [Claim("tcp.oob", Layer = "dotnet")]
    public void UrgentDataArrivesApartFromTheStream()
    {
        using var pair = ManagedPair.Connect();
        pair.Server.Send("abc"u8);
        pair.Server.Send("A"u8, SocketFlags.OutOfBand);
        var errors = new List<Socket> { pair.Client };
        Socket.Select(null, null, errors, TimeSpan.FromMilliseconds(Wait.ExpectedMs));
        Observe("exceptfds", errors.Count == 1);
        Observe("atmark-before", AtMark(pair.Client));
        Observe("normal-read", Managed.Call(() => pair.Client.Receive(new byte[100])));
        Observe("atmark-after", AtMark(pair.Client));
        pair.Client.Blocking = false; // a stack without urgent data may wait forever for a byte that went in-line
        var oob = new byte[1];
        var got = Managed.Call(() => pair.Client.Receive(oob, SocketFlags.OutOfBand));
        Observe("oob-byte", got.Ok && got.Value == 1 ? ((char)oob[0]).ToString() : got.ToString());
    }

    private static SysResult AtMark(Socket socket) => Managed.Call(() =>
    {
        var result = new byte[4];
        socket.IOControl(IOControlCode.OobDataRead, null, result);
        return BitConverter.ToInt32(result);
    });

    [Claim("tcp.oob-inline", Layer = "dotnet")]
    public void WithOutOfBandInlineTheUrgentByteStaysInTheStream()
    {
        using var pair = ManagedPair.Connect();
        pair.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.OutOfBandInline, true);
        pair.Server.Send("abc"u8);
        pair.Server.Send("A"u8, SocketFlags.OutOfBand);
        var stream = new List<byte>();
        var buffer = new byte[16];
        while (stream.Count < 4 && pair.Client.Poll(TimeSpan.FromMilliseconds(Wait.ExpectedMs), SelectMode.SelectRead))
        {
            var n = pair.Client.Receive(buffer);
            if (n == 0)
            {
                break;
            }

            stream.AddRange(buffer[..n]);
        }

        Observe("stream", System.Text.Encoding.ASCII.GetString([.. stream]));
    }
}
