namespace Conformance.Fixtures.Native;

/// <summary>The system calls the claims are about, one implementation per API family (libc, Winsock).
/// Handles are <c>nint</c> because a Winsock SOCKET is pointer-sized; on POSIX they are descriptors.
/// Every call gives its value or its portable error and never throws for an errno.</summary>
public interface ISocketCalls
{
    SysResult Socket(int family, int type, int protocol);
    SysResult Bind(nint fd, ReadOnlySpan<byte> address);
    SysResult Listen(nint fd, int backlog);

    /// <summary>accept(); <paramref name="addressLength"/> goes in as the buffer size the caller claims and
    /// comes back as what the kernel filled in.</summary>
    SysResult Accept(nint fd, Span<byte> address, ref int addressLength);
    SysResult Connect(nint fd, ReadOnlySpan<byte> address);
    SysResult Read(nint fd, Span<byte> buffer);
    SysResult Write(nint fd, ReadOnlySpan<byte> buffer);
    SysResult Send(nint fd, ReadOnlySpan<byte> buffer, int flags);
    SysResult Recv(nint fd, Span<byte> buffer, int flags);
    SysResult SendTo(nint fd, ReadOnlySpan<byte> buffer, int flags, ReadOnlySpan<byte> address);
    SysResult RecvFrom(nint fd, Span<byte> buffer, int flags, Span<byte> address, ref int addressLength);

    /// <summary>recvmsg() with one buffer and no control data; <paramref name="messageFlags"/> is msg_flags.</summary>
    SysResult RecvMsg(nint fd, Span<byte> buffer, int flags, out int messageFlags);
    SysResult Shutdown(nint fd, int how);
    SysResult Close(nint fd);
    SysResult Dup(nint fd);

    /// <summary>fcntl(F_DUPFD): the lowest free descriptor at or above <paramref name="minimum"/>.</summary>
    SysResult DupAtLeast(nint fd, int minimum);
    SysResult SetSockOpt(nint fd, int level, int name, ReadOnlySpan<byte> value);
    SysResult GetSockOpt(nint fd, int level, int name, Span<byte> value, ref int length);
    SysResult GetSockName(nint fd, Span<byte> address, ref int length);
    SysResult GetPeerName(nint fd, Span<byte> address, ref int length);
    SysResult Fcntl(nint fd, int command, int argument);
    SysResult Ioctl(nint fd, uint request, ref int argument);

    /// <summary>poll() on one descriptor; the value is the number ready, <paramref name="revents"/> what happened.</summary>
    SysResult Poll(nint fd, short events, int timeoutMs, out short revents);

    /// <summary>The kernel's TCP state of a connection, as its own number (compare with
    /// <c>SocketConstants.TCP_STATE_CLOSED</c>): TCP_INFO's tcpi_state on Linux and FreeBSD, TCP_CONNECTION_INFO's
    /// on macOS, SIO_TCP_INFO's State on Windows. For the one event no socket call signals on every OS: that the
    /// peer's RST has closed a connection already at EOF.</summary>
    SysResult TcpState(nint fd);

    /// <summary>select() over descriptors, each watched for reading, writing or exceptions as
    /// <paramref name="watch"/> says; gives back which of them fired.</summary>
    SysResult Select(ReadOnlySpan<nint> fds, SelectSet watch, int timeoutMs, Span<bool> fired);
}

[Flags]
public enum SelectSet
{
    Read = 1,
    Write = 2,
    Except = 4,
}
