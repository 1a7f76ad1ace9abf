using System.Runtime.InteropServices;
using Conformance.Fixtures.Native.Tables;

namespace Conformance.Fixtures.Native.Windows;

/// <summary>The socket calls through Winsock. Windows has no read()/write() on sockets (FAQ 2.18's
/// portability note): FAQ 2.18 says read() is recv() with flags 0 and write() is send() with flags 0, so
/// those stand in for them here, and only tcp.read-is-recv, which is about read() itself, is unsupported.
/// There is no dup() and no fcntl(): those report ENOSYS.</summary>
internal sealed unsafe class WinsockCalls : ISocketCalls
{
    private static readonly Lazy<int> Started = new(() =>
    {
        var data = stackalloc byte[512]; // WSADATA is under 512 bytes on every architecture
        return Ws2_32.WSAStartup(0x0202, data);
    });

    private readonly ErrnoTable _errno = WindowsTables.Errno;

    private static readonly SysResult NotOnWindows = SysResult.Failed(new Errno("ENOSYS", 0, "not available in Winsock"));

    private SysResult Result(long value)
    {
        _ = Started.Value;
        return value >= 0 ? SysResult.Of(value) : SysResult.Failed(_errno.FromNative(Marshal.GetLastPInvokeError()));
    }

    public SysResult Socket(int family, int type, int protocol)
    {
        _ = Started.Value;
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

    public SysResult Read(nint fd, Span<byte> buffer) => Recv(fd, buffer, 0);

    public SysResult Write(nint fd, ReadOnlySpan<byte> buffer) => Send(fd, buffer, 0);

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

    /// <summary>Winsock's recvmsg is WSARecvMsg, reached only through an extension pointer; recv() with
    /// MSG_PEEK cannot say truncation either. A truncated datagram fails with WSAEMSGSIZE instead.</summary>
    public SysResult RecvMsg(nint fd, Span<byte> buffer, int flags, out int messageFlags)
    {
        var result = Recv(fd, buffer, flags);
        messageFlags = result.Error?.Name == "EMSGSIZE" ? WindowsTables.Constants.MSG_TRUNC : 0;
        return result.Error?.Name == "EMSGSIZE" ? SysResult.Of(buffer.Length) : result;
    }

    public SysResult Shutdown(nint fd, int how) => Result(Ws2_32.shutdown(fd, how));

    public SysResult Close(nint fd) => Result(Ws2_32.closesocket(fd));

    public SysResult Dup(nint fd) => NotOnWindows;

    public SysResult DupAtLeast(nint fd, int minimum) => NotOnWindows;

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

    public SysResult Fcntl(nint fd, int command, int argument) => NotOnWindows;

    public SysResult Ioctl(nint fd, uint request, ref int argument)
    {
        var value = (uint)argument;
        var result = Result(Ws2_32.ioctlsocket(fd, unchecked((int)request), &value));
        argument = (int)value;
        return result;
    }

    public SysResult Poll(nint fd, short events, int timeoutMs, out short revents)
    {
        // WSAPOLLFD { SOCKET fd; SHORT events; SHORT revents; } padded to 16 bytes on 64-bit.
        var entry = stackalloc byte[16];
        *(nint*)entry = fd;
        *(short*)(entry + 8) = events;
        *(short*)(entry + 10) = 0;
        var result = Result(Ws2_32.WSAPoll(entry, 1, timeoutMs));
        revents = *(short*)(entry + 10);
        return result;
    }

    public SysResult Select(ReadOnlySpan<nint> fds, SelectSet watch, int timeoutMs, Span<bool> fired)
    {
        // fd_set { u_int fd_count; SOCKET fd_array[64]; }: a list, not a bitmap, so no FD_SETSIZE on values.
        const int setBytes = 8 + (64 * 8);
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
                ((nint*)(set + 8))[count] = fd;
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
                    fired[k] |= ((nint*)(set + 8))[j] == fds[k];
                }
            }
        }

        return result;

        byte* Set(int i) => ((int)watch & (1 << i)) != 0 ? sets + (i * setBytes) : null;
    }
}
