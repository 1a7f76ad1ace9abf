using System.Runtime.InteropServices;
using Conformance.Fixtures.Native.Tables;

namespace Conformance.Fixtures.Native.Windows;

/// <summary>The socket calls through Winsock, reported as Winsock answered them. Where Winsock has no call of
/// the POSIX name (read() and write() on a socket, recvmsg(), dup(), fcntl()), the call reports
/// <see cref="Errno.Absent"/> and the claim that needs it is <c>unsupported</c> on Windows: this layer never
/// stands one call in for another, nor turns one error into another's success.</summary>
internal sealed unsafe class WinsockCalls : ISocketCalls
{
    // SIO_TCP_INFO = _WSAIORW(IOC_VENDOR, 39) (mstcpip.h; Windows 10 1703, Server 2016 and later).
    private const uint SioTcpInfo = 0xD8000027;

    private readonly ErrnoTable _errno = WindowsTables.Errno;

    /// <summary>Winsock answers nothing before WSAStartup: start it when the layer is made, before any call,
    /// and refuse to go on if it fails (every call after would record WSANOTINITIALISED).</summary>
    public WinsockCalls()
    {
        var data = stackalloc byte[512]; // WSADATA is under 512 bytes on every architecture
        var started = Ws2_32.WSAStartup(0x0202, data);
        if (started != 0)
        {
            throw new InvalidOperationException($"WSAStartup(2.2) failed with {_errno.FromNative(started)}; Winsock 2.2 is needed");
        }
    }

    private static SysResult NotInWinsock(string what) => SysResult.Failed(Errno.Absent(what));

    private SysResult Result(long value) =>
        value >= 0 ? SysResult.Of(value) : SysResult.Failed(_errno.FromNative(Marshal.GetLastPInvokeError()));

    public SysResult Socket(int family, int type, int protocol)
    {
        var s = Ws2_32.socket(family, type, protocol);
        return s == ~(nint)0 ? Result(-1) : SysResult.Of(s);
    }

    public SysResult Bind(nint fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* a = address)
        {
            return Result(Ws2_32.bind(fd, a, address.Length));
        }
    }

    public SysResult Listen(nint fd, int backlog) => Result(Ws2_32.listen(fd, backlog));

    public SysResult Accept(nint fd, Span<byte> address, ref int addressLength)
    {
        var length = addressLength;
        fixed (byte* a = address)
        {
            var s = Ws2_32.accept(fd, a, &length);
            addressLength = length;
            return s == ~(nint)0 ? Result(-1) : SysResult.Of(s);
        }
    }

    public SysResult Connect(nint fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* a = address)
        {
            return Result(Ws2_32.connect(fd, a, address.Length));
        }
    }

    public SysResult Read(nint fd, Span<byte> buffer) => NotInWinsock("Winsock has no read() on a socket, only recv()");

    public SysResult Write(nint fd, ReadOnlySpan<byte> buffer) => NotInWinsock("Winsock has no write() on a socket, only send()");

    public SysResult Send(nint fd, ReadOnlySpan<byte> buffer, int flags)
    {
        fixed (byte* b = buffer)
        {
            return Result(Ws2_32.send(fd, b, buffer.Length, flags));
        }
    }

    public SysResult Recv(nint fd, Span<byte> buffer, int flags)
    {
        fixed (byte* b = buffer)
        {
            return Result(Ws2_32.recv(fd, b, buffer.Length, flags));
        }
    }

    public SysResult SendTo(nint fd, ReadOnlySpan<byte> buffer, int flags, ReadOnlySpan<byte> address)
    {
        fixed (byte* b = buffer)
        fixed (byte* a = address)
        {
            return Result(Ws2_32.sendto(fd, b, buffer.Length, flags, a, address.Length));
        }
    }

    public SysResult RecvFrom(nint fd, Span<byte> buffer, int flags, Span<byte> address, ref int addressLength)
    {
        var length = addressLength;
        fixed (byte* b = buffer)
        fixed (byte* a = address)
        {
            var result = Result(Ws2_32.recvfrom(fd, b, buffer.Length, flags, a, &length));
            addressLength = length;
            return result;
        }
    }

    /// <summary>Winsock's recvmsg() is WSARecvMsg, reached only through an extension-function pointer, which this
    /// layer does not bind; recv() cannot report MSG_TRUNC.</summary>
    public SysResult RecvMsg(nint fd, Span<byte> buffer, int flags, out int messageFlags)
    {
        messageFlags = 0;
        return NotInWinsock("Winsock has no recvmsg() (WSARecvMsg is an extension function, not bound here)");
    }

    public SysResult Shutdown(nint fd, int how) => Result(Ws2_32.shutdown(fd, how));

    public SysResult Close(nint fd) => Result(Ws2_32.closesocket(fd));

    public SysResult Dup(nint fd) => NotInWinsock("Winsock has no dup() of a socket");

    public SysResult DupAtLeast(nint fd, int minimum) => NotInWinsock("Winsock has no fcntl(F_DUPFD)");

    public SysResult SetSockOpt(nint fd, int level, int name, ReadOnlySpan<byte> value)
    {
        fixed (byte* v = value)
        {
            return Result(Ws2_32.setsockopt(fd, level, name, v, value.Length));
        }
    }

    public SysResult GetSockOpt(nint fd, int level, int name, Span<byte> value, ref int length)
    {
        var l = length;
        fixed (byte* v = value)
        {
            var result = Result(Ws2_32.getsockopt(fd, level, name, v, &l));
            length = l;
            return result;
        }
    }

    public SysResult GetSockName(nint fd, Span<byte> address, ref int length)
    {
        var l = length;
        fixed (byte* a = address)
        {
            var result = Result(Ws2_32.getsockname(fd, a, &l));
            length = l;
            return result;
        }
    }

    public SysResult GetPeerName(nint fd, Span<byte> address, ref int length)
    {
        var l = length;
        fixed (byte* a = address)
        {
            var result = Result(Ws2_32.getpeername(fd, a, &l));
            length = l;
            return result;
        }
    }

    public SysResult Fcntl(nint fd, int command, int argument) => NotInWinsock("Winsock has no fcntl(); FIONBIO is its only file flag");

    public SysResult Ioctl(nint fd, uint request, ref int argument)
    {
        var value = (uint)argument;
        var result = Result(Ws2_32.ioctlsocket(fd, unchecked((int)request), &value));
        argument = (int)value;
        return result;
    }

    public SysResult Poll(nint fd, short events, int timeoutMs, out short revents)
    {
        var layout = StructLayouts.PollFd(OsFamily.Windows);
        var entry = stackalloc byte[16];
        *(nint*)entry = fd;
        *(short*)(entry + layout.EventsOffset) = events;
        *(short*)(entry + layout.ReventsOffset) = 0;
        var result = Result(Ws2_32.WSAPoll(entry, 1, timeoutMs));
        revents = *(short*)(entry + layout.ReventsOffset);
        return result;
    }

    public SysResult TcpState(nint fd)
    {
        // SIO_TCP_INFO version 0 gives TCP_INFO_v0, whose first field is the TCPSTATE (mstcpip.h).
        var version = 0u;
        var info = stackalloc byte[256]; // TCP_INFO_v0 is 136 bytes
        uint returned;
        var result = Result(Ws2_32.WSAIoctl(fd, SioTcpInfo, &version, 4, info, 256, &returned, 0, 0));
        return result.Ok ? SysResult.Of(*(int*)info) : result;
    }

    public SysResult Select(ReadOnlySpan<nint> fds, SelectSet watch, int timeoutMs, Span<bool> fired)
    {
        // fd_set { u_int fd_count; SOCKET fd_array[FD_SETSIZE]; }: a list of at most 64 sockets, not a bitmap.
        if (fds.Length > WindowsTables.Constants.FD_SETSIZE)
        {
            throw new ScenarioException($"Winsock's select() takes at most {WindowsTables.Constants.FD_SETSIZE} sockets a set; the scenario asked for {fds.Length}");
        }

        var (setBytes, array) = StructLayouts.FdSet(OsFamily.Windows);
        var sets = stackalloc byte[setBytes * 3];
        new Span<byte>(sets, setBytes * 3).Clear();
        for (var i = 0; i < 3; i++)
        {
            if (((int)watch & (1 << i)) == 0)
            {
                continue;
            }

            var set = sets + (i * setBytes);
            foreach (var fd in fds)
            {
                var count = *(uint*)set;
                ((nint*)(set + array))[count] = fd;
                *(uint*)set = count + 1;
            }
        }

        var timeout = stackalloc int[2];
        timeout[0] = timeoutMs / 1000;
        timeout[1] = timeoutMs % 1000 * 1000;
        var result = Result(Ws2_32.select(0, Set(0), Set(1), Set(2), timeout));
        for (var k = 0; k < fds.Length; k++)
        {
            fired[k] = false;
            for (var i = 0; i < 3; i++)
            {
                if (((int)watch & (1 << i)) == 0)
                {
                    continue;
                }

                var set = sets + (i * setBytes);
                for (var j = 0; j < *(uint*)set; j++)
                {
                    fired[k] |= ((nint*)(set + array))[j] == fds[k];
                }
            }
        }

        return result;

        byte* Set(int i) => ((int)watch & (1 << i)) != 0 ? sets + (i * setBytes) : null;
    }
}
