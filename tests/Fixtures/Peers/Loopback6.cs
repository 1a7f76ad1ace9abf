using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>IPv6 loopback (::1), and the IPv4-mapped loopback (::ffff:127.0.0.1) through which an IPv6 socket
/// meets IPv4 peers without binding the wildcard. Where there is no IPv6 loopback the claim is inconclusive,
/// saying so, never silently absent.</summary>
public static class Loopback6
{
    public static IPEndPoint AnyPort => new(IPAddress.IPv6Loopback, 0);

    public static IPAddress MappedLoopback { get; } = IPAddress.Loopback.MapToIPv6();

    /// <summary>An IPv6 loopback this process can bind, or an inconclusive claim naming why not.</summary>
    public static void Require()
    {
        var socket = Sys.Calls.Socket(Sys.C.AF_INET6, Sys.C.SOCK_DGRAM, Sys.C.IPPROTO_UDP);
        if (!socket.Ok)
        {
            throw new ClaimNotObservedException(Verdict.Inconclusive, $"no IPv6 here: socket(AF_INET6) failed with {socket.Error}");
        }

        using var probe = RawSocket.Adopt(socket, "socket(AF_INET6)");
        var bound = probe.Bind(AnyPort);
        if (!bound.Ok)
        {
            throw new ClaimNotObservedException(Verdict.Inconclusive,
                $"no IPv6 loopback here: bind([::1]:0) failed with {bound.Error} (a container with network mode none has IPv6 "
                + "off on lo unless it is started with the sysctl net.ipv6.conf.lo.disable_ipv6=0)");
        }
    }

    /// <summary>An IPv6 TCP socket, with IPV6_V6ONLY set as asked (null: the system's default).</summary>
    public static RawSocket Tcp(bool? v6only = null) => RawSocket.Tcp(AddressFamily.InterNetworkV6).SetUp(socket => V6Only(socket, v6only));

    /// <summary>A TCP port that nothing holds in either family, for a scenario that binds one port in both. A port the
    /// OS picks for 0.0.0.0 can still be held on the IPv6 side (an IPv6 socket of another claim, a connection in
    /// TIME_WAIT on [::1]), which would make a later [::] bind fail for a reason that is not the scenario's; an IPv6
    /// socket with IPV6_V6ONLY off binding [::]:0 gets a port free in both. It is closed at once, never listening.</summary>
    public static int TcpPortFreeInBothFamilies()
    {
        using var probe = Tcp(v6only: false);
        probe.Bind(new IPEndPoint(IPAddress.IPv6Any, 0)).Expect("bind([::]:0) with IPV6_V6ONLY 0, to find a port free in both families");
        return probe.Port;
    }

    /// <summary>How an address is written: "v4-mapped" (::ffff:a.b.c.d in an AF_INET6 sockaddr), "ipv4", "ipv6".</summary>
    public static string Kind(IPEndPoint? endPoint) => endPoint?.Address switch
    {
        null => "none",
        { IsIPv4MappedToIPv6: true } => "v4-mapped",
        { AddressFamily: AddressFamily.InterNetwork } => "ipv4",
        _ => "ipv6",
    };

    private static void V6Only(RawSocket socket, bool? v6only)
    {
        if (v6only is { } on)
        {
            socket.SetInt(Sys.C.IPPROTO_IPV6, Sys.C.IPV6_V6ONLY, on ? 1 : 0).Expect($"setsockopt(IPV6_V6ONLY {(on ? 1 : 0)})");
        }
    }
}
