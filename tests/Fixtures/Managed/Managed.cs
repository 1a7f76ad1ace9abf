using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Fixtures.Managed;

/// <summary>The .NET layer's calls, in the claims' words: a return value, or the SocketException's error as a
/// POSIX name with the SocketError kept as the native value (see <see cref="SocketErrors"/>). Only
/// SocketException is an observation; anything else the runtime throws is the scenario breaking.</summary>
public static class Managed
{
    public static SysResult Call(Func<long> call)
    {
        try
        {
            return SysResult.Of(call());
        }
        catch (SocketException e)
        {
            return SysResult.Failed(SocketErrors.ToErrno(e.SocketErrorCode));
        }
        catch (IOException e) when (e.InnerException is SocketException inner)
        {
            return SysResult.Failed(SocketErrors.ToErrno(inner.SocketErrorCode)); // NetworkStream wraps it
        }
    }

    public static SysResult Call(Action call) => Call(() =>
    {
        call();
        return 0L;
    });

    /// <summary>A Socket of the family of the claim running now (see <see cref="IpFamily.Current"/>).</summary>
    public static Socket Tcp() => new(Loopback.Family.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>A Socket listening on the loopback address of the claim's family, at a port the OS picked.</summary>
    public static Socket Listener(int backlog = 16)
    {
        var listener = Tcp();
        try
        {
            listener.Bind(Loopback.AnyPort);
            listener.Listen(backlog);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }


    public static IPEndPoint Local(Socket socket) => (IPEndPoint)socket.LocalEndPoint!;

    /// <summary>Whether a non-blocking Connect has settled within <paramref name="limitMs"/>: writable, or in error
    /// (Winsock reports a failed connect only in the error set).</summary>
    public static bool ConnectSettled(Socket socket, int limitMs) =>
        socket.Poll(TimeSpan.FromMilliseconds(limitMs), SelectMode.SelectWrite) || socket.Poll(TimeSpan.Zero, SelectMode.SelectError);


    /// <summary>The error the socket has pending (SocketOptionName.Error, which the runtime reports as a
    /// SocketError), by its POSIX name, or null. Reading it clears it, as reading SO_ERROR does.</summary>
    public static Errno? PendingError(Socket socket) =>
        socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error and not 0
            ? SocketErrors.ToErrno((SocketError)error)
            : null;

    /// <summary>Waits for the first datagram, then reads every datagram queued until the socket would block, as
    /// <see cref="Datagrams.Drain"/> does for a raw socket: <paramref name="expected"/> is how many it waits for at
    /// most; the rest are what is already there.</summary>
    public static List<byte[]> Drain(Socket socket, int expected = 0, int bufferSize = 65536)
    {
        var datagrams = new List<byte[]>();
        if (!socket.Poll(TimeSpan.FromMilliseconds(Wait.ExpectedMs), SelectMode.SelectRead))
        {
            return datagrams;
        }

        socket.Blocking = false;
        try
        {
            var buffer = new byte[bufferSize];
            while (true)
            {
                var n = Call(() => socket.Receive(buffer));
                if (n.Ok)
                {
                    datagrams.Add(buffer[..(int)n.Value]);
                }
                else if (datagrams.Count >= expected || n.Error!.Name != "EAGAIN"
                    || !socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead))
                {
                    return datagrams; // one of the expected datagrams may still be on its way: 200 ms for it
                }
            }
        }
        finally
        {
            socket.Blocking = true;
        }
    }

    /// <summary>Waits (bounded) until <paramref name="socket"/> is readable, as Wait.For does for a raw socket.</summary>
    public static void WaitReadable(Socket socket, string what)
    {
        if (!socket.Poll(TimeSpan.FromMilliseconds(Wait.ExpectedMs), SelectMode.SelectRead))
        {
            throw new ScenarioException($"{what} did not arrive within {Wait.ExpectedMs} ms");
        }
    }
}
