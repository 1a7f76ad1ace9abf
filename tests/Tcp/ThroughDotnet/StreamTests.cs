using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.ThroughDotnet;

/// <summary>FAQ 2.18 through System.Net.Sockets: a body of its own because the APIs differ, Socket has no read() and
/// write(), and NetworkStream stands for them.</summary>
public sealed class StreamTests : ClaimTest
{
    /// <summary>Socket has no read() and write(): NetworkStream's Read and Write stand for them, Receive and Send for
    /// recv() and send(), and SocketFlags.Peek for MSG_PEEK.</summary>
    [Claim("tcp.read-is-recv", Layer = "dotnet")]
    public void StreamReadIsReceiveAndPeekDoesNotConsume()
    {
        using var connection = Connection.Open();
        var pair = (Client: ((DotnetSocket)connection.Client).Socket, Server: ((DotnetSocket)connection.Server).Socket);
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
}
