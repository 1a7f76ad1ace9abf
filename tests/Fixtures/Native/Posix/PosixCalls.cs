using System.Runtime.InteropServices;
using Conformance.Fixtures.Native.Tables;

namespace Conformance.Fixtures.Native.Posix;

/// <summary>The socket calls through libc. Only the structure layouts depend on the family: msghdr's
/// length fields are size_t on Linux and int on BSD; pollfd, fd_set and timeval agree.</summary>
internal sealed unsafe class PosixCalls(SocketConstants constants, ErrnoTable errno) : ISocketCalls
{
    private SysResult Result(long value) =>
        value >= 0 ? SysResult.Of(value) : SysResult.Failed(errno.FromNative(Marshal.GetLastPInvokeError()));

    public SysResult Socket(int family, int type, int protocol) => Result(Libc.socket(family, type, protocol));

    public SysResult Bind(nint fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* a = address)
        {
            return Result(Libc.bind((int)fd, a, (uint)address.Length));
        }
    }

    public SysResult Listen(nint fd, int backlog) => Result(Libc.listen((int)fd, backlog));

    public SysResult Accept(nint fd, Span<byte> address, ref int addressLength)
    {
        var length = (uint)addressLength;
        fixed (byte* a = address)
        {
            var result = Result(Libc.accept((int)fd, a, &length));
            addressLength = (int)length;
            return result;
        }
    }

    public SysResult Connect(nint fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* a = address)
        {
            return Result(Libc.connect((int)fd, a, (uint)address.Length));
        }
    }

    public SysResult Read(nint fd, Span<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            return Result(Libc.read((int)fd, b, buffer.Length));
        }
    }

    public SysResult Write(nint fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            return Result(Libc.write((int)fd, b, buffer.Length));
        }
    }

    public SysResult Send(nint fd, ReadOnlySpan<byte> buffer, int flags)
    {
        fixed (byte* b = buffer)
        {
            return Result(Libc.send((int)fd, b, buffer.Length, flags));
        }
    }

    public SysResult Recv(nint fd, Span<byte> buffer, int flags)
    {
        fixed (byte* b = buffer)
        {
            return Result(Libc.recv((int)fd, b, buffer.Length, flags));
        }
    }

    public SysResult SendTo(nint fd, ReadOnlySpan<byte> buffer, int flags, ReadOnlySpan<byte> address)
    {
        fixed (byte* b = buffer)
        fixed (byte* a = address)
        {
            return Result(Libc.sendto((int)fd, b, buffer.Length, flags, a, (uint)address.Length));
        }
    }

    public SysResult RecvFrom(nint fd, Span<byte> buffer, int flags, Span<byte> address, ref int addressLength)
    {
        var length = (uint)addressLength;
        fixed (byte* b = buffer)
        fixed (byte* a = address)
        {
            var result = Result(Libc.recvfrom((int)fd, b, buffer.Length, flags, a, &length));
            addressLength = (int)length;
            return result;
        }
    }

    public SysResult RecvMsg(nint fd, Span<byte> buffer, int flags, out int messageFlags)
    {
        // struct iovec { void *base; size_t len; } is the same everywhere; msghdr is not (StructLayouts).
        var layout = StructLayouts.MsgHdr(constants.Os);
        var iov = stackalloc nint[2];
        var message = stackalloc byte[56];
        new Span<byte>(message, 56).Clear();
        fixed (byte* b = buffer)
        {
            iov[0] = (nint)b;
            iov[1] = buffer.Length;
            *(nint*)(message + layout.IovOffset) = (nint)iov;
            if (layout.IovLenSize == 8)
            {
                *(nint*)(message + layout.IovLenOffset) = 1;
            }
            else
            {
                *(int*)(message + layout.IovLenOffset) = 1;
            }

            var result = Result(Libc.recvmsg((int)fd, message, flags));
            messageFlags = *(int*)(message + layout.FlagsOffset);
            return result;
        }
    }

    public SysResult Shutdown(nint fd, int how) => Result(Libc.shutdown((int)fd, how));

    public SysResult Close(nint fd) => Result(Libc.close((int)fd));

    public SysResult Dup(nint fd) => Result(Libc.dup((int)fd));

    public SysResult DupAtLeast(nint fd, int minimum) => Fcntl(fd, constants.F_DUPFD!.Value, minimum);

    public SysResult SetSockOpt(nint fd, int level, int name, ReadOnlySpan<byte> value)
    {
        fixed (byte* v = value)
        {
            return Result(Libc.setsockopt((int)fd, level, name, v, (uint)value.Length));
        }
    }

    public SysResult GetSockOpt(nint fd, int level, int name, Span<byte> value, ref int length)
    {
        var l = (uint)length;
        fixed (byte* v = value)
        {
            var result = Result(Libc.getsockopt((int)fd, level, name, v, &l));
            length = (int)l;
            return result;
        }
    }

    public SysResult TcpState(nint fd)
    {
        // Linux's struct tcp_info, FreeBSD's struct tcp_info and XNU's struct tcp_connection_info all begin with
        // the u8 tcpi_state (include/uapi/linux/tcp.h, sys/netinet/tcp.h, bsd/netinet/tcp.h).
        Span<byte> info = stackalloc byte[512];
        var length = info.Length;
        var result = GetSockOpt(fd, constants.IPPROTO_TCP, constants.TCP_INFO!.Value, info, ref length);
        return result.Ok ? SysResult.Of(info[0]) : result;
    }

    public SysResult GetSockName(nint fd, Span<byte> address, ref int length)
    {
        var l = (uint)length;
        fixed (byte* a = address)
        {
            var result = Result(Libc.getsockname((int)fd, a, &l));
            length = (int)l;
            return result;
        }
    }

    public SysResult GetPeerName(nint fd, Span<byte> address, ref int length)
    {
        var l = (uint)length;
        fixed (byte* a = address)
        {
            var result = Result(Libc.getpeername((int)fd, a, &l));
            length = (int)l;
            return result;
        }
    }

    public SysResult Fcntl(nint fd, int command, int argument) =>
        Result(Libc.VariadicOnStack
            ? Libc.fcntl_stack((int)fd, command, 0, 0, 0, 0, 0, 0, argument)
            : Libc.fcntl((int)fd, command, argument));

    public SysResult Ioctl(nint fd, uint request, ref int argument)
    {
        fixed (int* a = &argument)
        {
            return Result(Libc.VariadicOnStack
                ? Libc.ioctl_stack((int)fd, request, 0, 0, 0, 0, 0, 0, a)
                : Libc.ioctl((int)fd, request, a));
        }
    }

    public SysResult Poll(nint fd, short events, int timeoutMs, out short revents)
    {
        var layout = StructLayouts.PollFd(constants.Os);
        var entry = stackalloc byte[8];
        *(int*)entry = (int)fd;
        *(short*)(entry + layout.EventsOffset) = events;
        *(short*)(entry + layout.ReventsOffset) = 0;
        var result = Result(Libc.poll(entry, 1, timeoutMs));
        revents = *(short*)(entry + layout.ReventsOffset);
        return result;
    }

    public SysResult Select(ReadOnlySpan<nint> fds, SelectSet watch, int timeoutMs, Span<bool> fired)
    {
        // fd_set is a little-endian bitmap of FD_SETSIZE (1024) bits on Linux, macOS and FreeBSD alike. A descriptor at
        // or above FD_SETSIZE gets a bitmap long enough to hold it (whole 64-bit words, as the kernels read it), as a C
        // program that allocates its own sets does: whether select() takes it is the OS's answer, not this layer's.
        var highest = -1;
        foreach (var fd in fds)
        {
            highest = Math.Max(highest, (int)fd);
        }

        var setBytes = Math.Max(StructLayouts.FdSet(constants.Os).Size, ((highest / 64) + 1) * 8);
        var buffer = new byte[setBytes * 3];
        fixed (byte* sets = buffer)
        {
            foreach (var fd in fds)
            {
                for (var i = 0; i < 3; i++)
                {
                    if (((int)watch & (1 << i)) != 0)
                    {
                        sets[(i * setBytes) + (fd / 8)] |= (byte)(1 << (int)(fd % 8));
                    }
                }
            }

            return SelectOn(sets, setBytes, highest, fds, watch, timeoutMs, fired);
        }
    }

    private SysResult SelectOn(byte* sets, int setBytes, int highest, ReadOnlySpan<nint> fds, SelectSet watch, int timeoutMs, Span<bool> fired)
    {
        // struct timeval: 64-bit seconds, then microseconds in a field that is 32 bits on macOS and 64 on
        // Linux and FreeBSD; a little-endian 64-bit write of a value below 10^6 fits both.
        var timeout = stackalloc long[2];
        timeout[0] = timeoutMs / 1000;
        timeout[1] = timeoutMs % 1000 * 1000;
        var result = Result(Libc.select(highest + 1, Set(0), Set(1), Set(2), timeout));
        for (var k = 0; k < fds.Length; k++)
        {
            var fd = fds[k];
            fired[k] = false;
            for (var i = 0; i < 3; i++)
            {
                fired[k] |= ((int)watch & (1 << i)) != 0 && (sets[(i * setBytes) + (fd / 8)] & (1 << (int)(fd % 8))) != 0;
            }
        }

        return result;

        byte* Set(int i) => ((int)watch & (1 << i)) != 0 ? sets + (i * setBytes) : null;
    }
}
