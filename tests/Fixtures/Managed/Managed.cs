using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Fixtures.Managed;

/// <summary>The .NET layers' calls, in the claims' words: a return value, or the SocketException's error as a
/// POSIX name with the SocketError kept as the native value (see <see cref="SocketErrors"/>). Only
/// SocketException is an observation; anything else the runtime throws is the scenario breaking. Sockets are made
/// by the layer helpers (<see cref="SocketLayers.Sockets"/>), never here: this is how a .NET call is read, not a
/// stack of its own.</summary>
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
}
