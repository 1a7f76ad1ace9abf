using System.Net.Sockets;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Managed;

/// <summary>A <see cref="SocketError"/> in the claims' words. SocketError's values are Winsock's error codes
/// (ConnectionReset is WSAECONNRESET, 10054), so each has the POSIX name Winsock's WSAE name carries; the
/// SocketError name itself is kept as the native value. The runtime's own mapping from errno to SocketError is
/// not one-to-one (on Unix it reports EPIPE as Shutdown, WSAESHUTDOWN): that is an observation of the .NET layer,
/// shown as it is, never translated back.</summary>
public static class SocketErrors
{
    private static readonly Dictionary<SocketError, string> Posix = new()
    {
        [SocketError.AccessDenied] = "EACCES",
        [SocketError.AddressAlreadyInUse] = "EADDRINUSE",
        [SocketError.AddressFamilyNotSupported] = "EAFNOSUPPORT",
        [SocketError.AddressNotAvailable] = "EADDRNOTAVAIL",
        [SocketError.AlreadyInProgress] = "EALREADY",
        [SocketError.ConnectionAborted] = "ECONNABORTED",
        [SocketError.ConnectionRefused] = "ECONNREFUSED",
        [SocketError.ConnectionReset] = "ECONNRESET",
        [SocketError.DestinationAddressRequired] = "EDESTADDRREQ",
        [SocketError.Fault] = "EFAULT",
        [SocketError.HostDown] = "EHOSTDOWN",
        [SocketError.HostUnreachable] = "EHOSTUNREACH",
        [SocketError.InProgress] = "EINPROGRESS",
        [SocketError.Interrupted] = "EINTR",
        [SocketError.InvalidArgument] = "EINVAL",
        [SocketError.IsConnected] = "EISCONN",
        [SocketError.MessageSize] = "EMSGSIZE",
        [SocketError.NetworkDown] = "ENETDOWN",
        [SocketError.NetworkReset] = "ENETRESET",
        [SocketError.NetworkUnreachable] = "ENETUNREACH",
        [SocketError.NoBufferSpaceAvailable] = "ENOBUFS",
        [SocketError.NotConnected] = "ENOTCONN",
        [SocketError.NotSocket] = "ENOTSOCK",
        [SocketError.OperationNotSupported] = "EOPNOTSUPP",
        [SocketError.ProtocolFamilyNotSupported] = "EPFNOSUPPORT",
        [SocketError.ProtocolNotSupported] = "EPROTONOSUPPORT",
        [SocketError.ProtocolOption] = "ENOPROTOOPT",
        [SocketError.ProtocolType] = "EPROTOTYPE",
        [SocketError.Shutdown] = "ESHUTDOWN",
        [SocketError.SocketNotSupported] = "ESOCKTNOSUPPORT",
        [SocketError.TimedOut] = "ETIMEDOUT",
        [SocketError.TooManyOpenSockets] = "EMFILE",
        [SocketError.WouldBlock] = "EAGAIN",
    };

    /// <summary>The error as an observation records it: the POSIX name, the SocketError beside it. A SocketError with
    /// no POSIX counterpart (HostNotFound, TryAgain, ...) keeps its own name in both places.</summary>
    public static Errno ToErrno(SocketError error)
    {
        var native = $"SocketError.{error}";
        return new Errno(Posix.GetValueOrDefault(error, native), (int)error, native);
    }

    /// <summary>The SocketErrors the mapping names, for the test that checks it against Winsock's numbering.</summary>
    public static IReadOnlyDictionary<SocketError, string> Mapped => Posix;
}
