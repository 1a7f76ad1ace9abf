using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Conformance.Fixtures.Native;

/// <summary>One socket descriptor and the calls on it, each returning what the OS returned. Dispose closes
/// the descriptor unless the scenario already did, so nothing leaks when a test fails halfway.</summary>
public sealed class RawSocket : IDisposable
{
    private static ISocketCalls Calls => Sys.Calls;

    private RawSocket(nint handle) => Handle = handle;

    public nint Handle { get; }

    public bool IsClosed { get; private set; }

    public static RawSocket Tcp(AddressFamily family = AddressFamily.InterNetwork) =>
        Open(family, Sys.C.SOCK_STREAM, Sys.C.IPPROTO_TCP);

    public static RawSocket Udp(AddressFamily family = AddressFamily.InterNetwork) =>
        Open(family, Sys.C.SOCK_DGRAM, Sys.C.IPPROTO_UDP);

    /// <summary>Adopts a handle that a call returned (accept, dup); the new socket is closed on dispose.</summary>
    public static RawSocket Adopt(SysResult result, string step) => new((nint)result.Expect(step));

    private static RawSocket Open(AddressFamily family, int type, int protocol)
    {
        var af = family == AddressFamily.InterNetworkV6 ? Sys.C.AF_INET6 : Sys.C.AF_INET;
        return Adopt(Calls.Socket(af, type, protocol), "socket()");
    }

    /// <summary>Runs <paramref name="setup"/> on this new socket and hands it back; a setup that throws closes
    /// the socket first, so a helper that makes a configured socket never leaks one.</summary>
    public RawSocket SetUp(Action<RawSocket> setup)
    {
        try
        {
            setup(this);
            return this;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public SysResult Bind(IPEndPoint endPoint) => Calls.Bind(Handle, Sys.SockAddr.Encode(endPoint));

    public SysResult BindRaw(ReadOnlySpan<byte> sockaddr) => Calls.Bind(Handle, sockaddr);

    public SysResult Listen(int backlog) => Calls.Listen(Handle, backlog);

    public SysResult Connect(IPEndPoint endPoint) => Calls.Connect(Handle, Sys.SockAddr.Encode(endPoint));

    /// <summary>Reads the peer's address out of accept()'s buffer.</summary>
    public delegate IPEndPoint? AddressDecoder(ReadOnlySpan<byte> sockaddr);

    /// <summary>accept(); the result is OK or the error, the socket (if any) is the caller's to dispose.</summary>
    public (SysResult Result, RawSocket? Socket, IPEndPoint? Peer) Accept() => Accept(a => Sys.SockAddr.Decode(a));

    /// <summary>accept() with the peer's address read by <paramref name="decode"/>: the accepted descriptor is owned
    /// before its address is decoded, so a decoder that throws cannot leak it.</summary>
    public (SysResult Result, RawSocket? Socket, IPEndPoint? Peer) Accept(AddressDecoder decode)
    {
        Span<byte> address = stackalloc byte[SockAddr.StorageSize];
        var length = address.Length;
        var result = Calls.Accept(Handle, address, ref length);
        if (!result.Ok)
        {
            return (result, null, null);
        }

        var socket = new RawSocket((nint)result.Value);
        try
        {
            return (result, socket, decode(address));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>accept() with the address-length argument set to <paramref name="claimedLength"/> (FAQ 4.9): the
    /// result, the socket, and the peer address if the kernel wrote one into the (zeroed) buffer.</summary>
    public (SysResult Result, RawSocket? Socket, IPEndPoint? Written) AcceptWithLength(int claimedLength)
    {
        Span<byte> address = stackalloc byte[SockAddr.StorageSize];
        address.Clear();
        var length = claimedLength;
        var result = Calls.Accept(Handle, address, ref length);
        var socket = result.Ok ? new RawSocket((nint)result.Value) : null;
        try
        {
            return (result, socket, address.ContainsAnyExcept((byte)0) ? Sys.SockAddr.Decode(address) : null);
        }
        catch
        {
            socket?.Dispose();
            throw;
        }
    }

    public SysResult Read(Span<byte> buffer) => Calls.Read(Handle, buffer);

    public SysResult Read(int count) => Read(new byte[count]);

    public SysResult Write(ReadOnlySpan<byte> buffer) => Calls.Write(Handle, buffer);

    public SysResult Send(ReadOnlySpan<byte> buffer, int flags = 0) => Calls.Send(Handle, buffer, flags);

    public SysResult Recv(Span<byte> buffer, int flags = 0) => Calls.Recv(Handle, buffer, flags);

    public SysResult Recv(int count, int flags = 0) => Recv(new byte[count], flags);

    public SysResult SendTo(ReadOnlySpan<byte> buffer, IPEndPoint to, int flags = 0) =>
        Calls.SendTo(Handle, buffer, flags, Sys.SockAddr.Encode(to));

    public (SysResult Result, IPEndPoint? From) RecvFrom(Span<byte> buffer, int flags = 0)
    {
        Span<byte> address = stackalloc byte[SockAddr.StorageSize];
        var length = address.Length;
        var result = Calls.RecvFrom(Handle, buffer, flags, address, ref length);
        return (result, result.Ok && length > 0 ? Sys.SockAddr.Decode(address) : null);
    }

    public SysResult RecvMsg(Span<byte> buffer, out int messageFlags, int flags = 0) =>
        Calls.RecvMsg(Handle, buffer, flags, out messageFlags);

    public SysResult Shutdown(int how) => Calls.Shutdown(Handle, how);

    /// <summary>close(), observed. Whatever it returns, the descriptor is gone afterwards.</summary>
    public SysResult Close()
    {
        if (IsClosed)
        {
            throw new ScenarioException("the scenario closed a socket twice");
        }

        IsClosed = true;
        return Calls.Close(Handle);
    }

    public RawSocket Dup() => Adopt(Calls.Dup(Handle), "dup()");

    public SysResult SetInt(int level, int name, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return Calls.SetSockOpt(Handle, level, name, bytes);
    }

    public SysResult GetInt(int level, int name)
    {
        Span<byte> bytes = stackalloc byte[4];
        var length = 4;
        var result = Calls.GetSockOpt(Handle, level, name, bytes, ref length);
        return result.Ok ? SysResult.Of(BinaryPrimitives.ReadInt32LittleEndian(bytes)) : result;
    }

    public SysResult SetBytes(int level, int name, ReadOnlySpan<byte> value) => Calls.SetSockOpt(Handle, level, name, value);

    public SysResult GetBytes(int level, int name, Span<byte> value, ref int length) =>
        Calls.GetSockOpt(Handle, level, name, value, ref length);

    /// <summary>SO_LINGER in seconds (SO_LINGER_SEC on macOS): struct linger { int l_onoff; int l_linger; }
    /// (two u_shorts on Windows).</summary>
    public SysResult SetLinger(bool on, int seconds)
    {
        var (size, offset) = StructLayouts.Linger(Sys.Os);
        Span<byte> bytes = stackalloc byte[size];
        if (size == 4)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)(on ? 1 : 0));
            BinaryPrimitives.WriteUInt16LittleEndian(bytes[offset..], (ushort)seconds);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes, on ? 1 : 0);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[offset..], seconds);
        }

        return Calls.SetSockOpt(Handle, Sys.C.SOL_SOCKET, Sys.C.SO_LINGER_SECONDS, bytes);
    }

    public (SysResult Result, int OnOff, int Seconds) GetLinger()
    {
        var (size, offset) = StructLayouts.Linger(Sys.Os);
        Span<byte> bytes = stackalloc byte[8];
        var length = size;
        var result = Calls.GetSockOpt(Handle, Sys.C.SOL_SOCKET, Sys.C.SO_LINGER_SECONDS, bytes, ref length);
        return size == 4
            ? (result, BinaryPrimitives.ReadUInt16LittleEndian(bytes), BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]))
            : (result, BinaryPrimitives.ReadInt32LittleEndian(bytes), BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]));
    }

    /// <summary>SO_ERROR: the pending error, cleared by reading it; the value is 0 or the error, by name.</summary>
    public SysResult PendingError()
    {
        var result = GetInt(Sys.C.SOL_SOCKET, Sys.C.SO_ERROR);
        return result.Ok && result.Value != 0 ? SysResult.Failed(Sys.Errno.FromNative((int)result.Value)) : result;
    }

    public IPEndPoint LocalEndPoint => Name(getPeer: false) ?? throw new ScenarioException("getsockname() failed");

    public IPEndPoint? PeerEndPoint => Name(getPeer: true);

    private IPEndPoint? Name(bool getPeer)
    {
        Span<byte> address = stackalloc byte[SockAddr.StorageSize];
        var length = address.Length;
        var result = getPeer ? Calls.GetPeerName(Handle, address, ref length) : Calls.GetSockName(Handle, address, ref length);
        return result.Ok ? Sys.SockAddr.Decode(address) : null;
    }

    public int Port => LocalEndPoint.Port;

    public SysResult Fcntl(int command, int argument = 0) => Calls.Fcntl(Handle, command, argument);

    public SysResult Ioctl(uint request, ref int argument) => Calls.Ioctl(Handle, request, ref argument);

    /// <summary>Turns O_NONBLOCK on or off the careful way (F_GETFL first, FAQ 6.1), or with FIONBIO on Windows.</summary>
    public void SetNonBlocking(bool on)
    {
        if (Sys.C.O_NONBLOCK is not { } nonblock)
        {
            var value = on ? 1 : 0;
            Ioctl(Sys.C.FIONBIO, ref value).Expect("ioctl(FIONBIO)");
            return;
        }

        var flags = (int)Fcntl(Sys.C.F_GETFL!.Value).Expect("fcntl(F_GETFL)");
        Fcntl(Sys.C.F_SETFL!.Value, on ? flags | nonblock : flags & ~nonblock).Expect("fcntl(F_SETFL)");
    }

    /// <summary>The kernel's TCP state number of this connection (see <see cref="ISocketCalls.TcpState"/>).</summary>
    public SysResult TcpState() => Calls.TcpState(Handle);

    public SysResult Poll(short events, int timeoutMs, out short revents) =>
        Calls.Poll(Handle, events, timeoutMs, out revents);

    public void Dispose()
    {
        if (!IsClosed)
        {
            IsClosed = true;
            Calls.Close(Handle);
        }
    }
}
