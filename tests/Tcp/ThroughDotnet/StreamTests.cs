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
    /// recv() and send(), and SocketFlags.Peek for MSG_PEEK; at the async layer each is its Task-based form.</summary>
    [Claim("tcp.read-is-recv", Layer = "dotnet dotnet-async")]
    public void StreamReadIsReceiveAndPeekDoesNotConsume()
    {
        var async = Sockets.Layer == Layers.DotnetAsync;
        using var connection = Connection.Open();
        var pair = (Client: ((DotnetSocket)connection.Client).Socket, Server: ((DotnetSocket)connection.Server).Socket);
        using var clientStream = new NetworkStream(pair.Client, ownsSocket: false);
        using var serverStream = new NetworkStream(pair.Server, ownsSocket: false);
        var buffer = new byte[16];

        Write(clientStream, "a"u8.ToArray());
        Wait.For(connection.Server, Wait.Readable, "the written byte");
        Observe("write-recv", Receive(pair.Server, buffer, SocketFlags.None) == 1 && buffer[0] == 'a');

        Send(pair.Server, "b"u8.ToArray());
        Wait.For(connection.Client, Wait.Readable, "the sent byte");
        Observe("send-read", Read(clientStream, buffer) == 1 && buffer[0] == 'b');

        Send(pair.Server, "c"u8.ToArray());
        Wait.For(connection.Client, Wait.Readable, "the byte to peek");
        var peeked = Receive(pair.Client, buffer, SocketFlags.Peek) == 1 && buffer[0] == 'c';
        Observe("peek-then-read", peeked && Read(clientStream, buffer) == 1 && buffer[0] == 'c');

        void Write(NetworkStream stream, byte[] bytes)
        {
            if (async)
            {
                stream.WriteAsync(bytes).AsTask().GetAwaiter().GetResult();
            }
            else
            {
                stream.Write(bytes);
            }
        }

        int Read(NetworkStream stream, byte[] into) => async ? stream.ReadAsync(into).AsTask().GetAwaiter().GetResult() : stream.Read(into);

        int Receive(Socket socket, byte[] into, SocketFlags flags) =>
            async ? socket.ReceiveAsync(into, flags).GetAwaiter().GetResult() : socket.Receive(into, flags);

        void Send(Socket socket, byte[] bytes) => _ = async ? socket.SendAsync(bytes).GetAwaiter().GetResult() : socket.Send(bytes);
    }
}
