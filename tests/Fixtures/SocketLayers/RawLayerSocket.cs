using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.SocketLayers;

/// <summary>The raw layer: every call is the OS's own (libc, or Winsock on Windows), through <see cref="RawSocket"/>.</summary>
public sealed class RawLayerSocket(RawSocket socket) : LayerSocket
{
    /// <summary>The raw socket, for a body's raw-only steps (the calls no other layer has).</summary>
    public RawSocket Raw { get; } = socket;

    public override nint Handle => Raw.Handle;

    public override IPEndPoint LocalEndPoint => Raw.LocalEndPoint;

    public override SysResult Bind(IPEndPoint at) => Raw.Bind(at);

    public override SysResult Listen(int backlog) => Raw.Listen(backlog);

    public override SysResult Connect(IPEndPoint to) => Raw.Connect(to);

    public override (SysResult Result, LayerSocket? Socket, IPEndPoint? From) Accept()
    {
        var (result, accepted, from) = Raw.Accept();
        return (result, accepted is null ? null : new RawLayerSocket(accepted), from);
    }

    public override SysResult Read(byte[] buffer) => Raw.Read(buffer);

    public override SysResult Write(byte[] data) => Raw.Write(data);

    public override SysResult Receive(byte[] buffer, SocketFlags flags = SocketFlags.None) => Raw.Recv(buffer, Flags(flags));

    public override SysResult Send(byte[] data, SocketFlags flags = SocketFlags.None) => Raw.Send(data, Flags(flags));

    public override SysResult SendTo(byte[] data, IPEndPoint to) => Raw.SendTo(data, to);

    public override (SysResult Result, IPEndPoint? From) ReceiveFrom(byte[] buffer) => Raw.RecvFrom(buffer);

    public override SysResult ReceiveMessage(byte[] buffer, out bool truncated)
    {
        var result = Raw.RecvMsg(buffer, out var flags);
        truncated = (flags & Sys.C.MSG_TRUNC) != 0;
        return result;
    }

    public override SysResult Available()
    {
        var bytes = 0;
        var result = Raw.Ioctl(Sys.C.FIONREAD, ref bytes);
        return result.Ok ? SysResult.Of(bytes) : result;
    }

    public override SysResult AtMark()
    {
        var mark = 0;
        var result = Raw.Ioctl(Sys.C.SIOCATMARK, ref mark);
        return result.Ok ? SysResult.Of(mark) : result;
    }

    public override SysResult Shutdown(SocketShutdown how) => Raw.Shutdown(how switch
    {
        SocketShutdown.Receive => Sys.C.SHUT_RD,
        SocketShutdown.Send => Sys.C.SHUT_WR,
        _ => Sys.C.SHUT_RDWR,
    });

    public override SysResult Close() => Raw.Close();

    public override SysResult SetOption(SocketOptionLevel level, SocketOptionName name, int value)
    {
        var (l, n) = OptionNames.Of(level, name);
        return Raw.SetInt(l, n, name == SocketOptionName.DontFragment && value != 0 ? Sys.C.DontFragmentOn : value);
    }

    public override SysResult GetOption(SocketOptionLevel level, SocketOptionName name)
    {
        var (l, n) = OptionNames.Of(level, name);
        return Raw.GetInt(l, n);
    }

    public override SysResult SetMulticastInterface(IPAddress address) =>
        Raw.SetBytes(Sys.C.IPPROTO_IP, Sys.C.IP_MULTICAST_IF, address.GetAddressBytes());

    /// <summary>struct ip_mreq { in_addr imr_multiaddr; in_addr imr_interface; }</summary>
    public override SysResult JoinGroup(IPAddress group, IPAddress on) =>
        Raw.SetBytes(Sys.C.IPPROTO_IP, Sys.C.IP_ADD_MEMBERSHIP, [.. group.GetAddressBytes(), .. on.GetAddressBytes()]);

    public override SysResult SetLinger(bool on, int seconds) => Raw.SetLinger(on, seconds);

    public override (SysResult Result, int OnOff, int Seconds) GetLinger() => Raw.GetLinger();

    public override SysResult SetNonBlocking(bool on)
    {
        Raw.SetNonBlocking(on);
        return SysResult.Of(0);
    }

    public override string PendingError() => Raw.PendingError().ToString();

    public override bool ConnectSettled(int limitMs) => Peers.Wait.Within(Raw, Peers.Wait.Writable, limitMs) != 0;

    public override IPEndPoint? PeerName() => Raw.PeerEndPoint;

    public override void Dispose() => Raw.Dispose();

    private static int Flags(SocketFlags flags) =>
        (flags.HasFlag(SocketFlags.OutOfBand) ? Sys.C.MSG_OOB : 0) | (flags.HasFlag(SocketFlags.Peek) ? Sys.C.MSG_PEEK : 0);
}

/// <summary>System.Net.Sockets' option names as the OS's level and option numbers, for the raw layer: one body names
/// an option once, each layer sets it its own way.</summary>
internal static class OptionNames
{
    public static (int Level, int Name) Of(SocketOptionLevel level, SocketOptionName name) => (level, name) switch
    {
        (SocketOptionLevel.Socket, SocketOptionName.ReuseAddress) => (Sys.C.SOL_SOCKET, Sys.C.SO_REUSEADDR),
        (SocketOptionLevel.Socket, SocketOptionName.KeepAlive) => (Sys.C.SOL_SOCKET, Sys.C.SO_KEEPALIVE),
        (SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer) => (Sys.C.SOL_SOCKET, Sys.C.SO_RCVBUF),
        (SocketOptionLevel.Socket, SocketOptionName.SendBuffer) => (Sys.C.SOL_SOCKET, Sys.C.SO_SNDBUF),
        (SocketOptionLevel.Socket, SocketOptionName.Broadcast) => (Sys.C.SOL_SOCKET, Sys.C.SO_BROADCAST),
        (SocketOptionLevel.Socket, SocketOptionName.OutOfBandInline) => (Sys.C.SOL_SOCKET, Sys.C.SO_OOBINLINE),
        (SocketOptionLevel.Tcp, SocketOptionName.NoDelay) => (Sys.C.IPPROTO_TCP, Sys.C.TCP_NODELAY),
        (SocketOptionLevel.IPv6, SocketOptionName.IPv6Only) => (Sys.C.IPPROTO_IPV6, Sys.C.IPV6_V6ONLY),
        (SocketOptionLevel.IP, SocketOptionName.MulticastLoopback) => (Sys.C.IPPROTO_IP, Sys.C.IP_MULTICAST_LOOP),
        (SocketOptionLevel.IP, SocketOptionName.DontFragment) => (Sys.C.IPPROTO_IP, Sys.C.IP_DONTFRAG),
        (SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime) => (Sys.C.IPPROTO_TCP, Sys.C.TCP_KEEPIDLE ?? throw NoSuch("a per-socket keepalive idle option (TCP_KEEPIDLE)")),
        (SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval) => (Sys.C.IPPROTO_TCP, Sys.C.TCP_KEEPINTVL ?? throw NoSuch("TCP_KEEPINTVL")),
        (SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount) => (Sys.C.IPPROTO_TCP, Sys.C.TCP_KEEPCNT ?? throw NoSuch("TCP_KEEPCNT")),
        _ => throw new ArgumentOutOfRangeException(nameof(name), $"{level}/{name} has no raw-layer name here yet: add it to OptionNames"),
    };

    private static Claims.ClaimNotObservedException NoSuch(string option) => new(Verdict.Inconclusive, $"{Sys.Os} has no {option} to read or set");
}
