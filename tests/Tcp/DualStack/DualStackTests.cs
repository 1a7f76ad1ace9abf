using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.DualStack;

/// <summary>Beyond the FAQ: one IPv6 socket serving IPv4 peers through IPv4-mapped addresses (RFC 4291 2.5.5.2,
/// RFC 3493 3.7), and what that does to binding IPv4 and IPv6 on one port. IPV6_V6ONLY is DualMode's inverse at
/// the .NET layers, and a Socket made for InterNetworkV6 starts with it on whatever the system's default.</summary>
public sealed class DualStackTests : ClaimTest
{
    /// <summary>The listener binds the IPv4-mapped loopback (::ffff:127.0.0.1), not [::], so nothing is opened beyond
    /// loopback; binding a mapped address is allowed only to a socket with IPV6_V6ONLY off, which is the trap the
    /// default decides. getpeername is a real call at every layer (at the .NET layers a Socket made from the
    /// descriptor asks the OS), not the address accept() returned. Not known on Windows: which error a mapped bind
    /// gets there while the option is on.</summary>
    [Claim("tcp.v4-mapped-peer")]
    public void AnIpv6ListenerServesIpv4ClientsAsV4MappedPeers()
    {
        Loopback6.Require();
        using (var byDefault = Sockets.Tcp(AddressFamily.InterNetworkV6))
        {
            ObserveOk("default:bind-mapped", byDefault.Bind(new IPEndPoint(Loopback6.MappedLoopback, 0)));
        }

        using var listener = Sockets.SetUp(Tcp6(v6only: false), l =>
        {
            l.Bind(new IPEndPoint(Loopback6.MappedLoopback, 0)).Expect("bind([::ffff:127.0.0.1]:0) with IPV6_V6ONLY 0");
            l.Listen(4).Expect("listen()");
        });
        using var client = Sockets.Tcp(AddressFamily.InterNetwork);
        ObserveOk("v6only-off:connect", client.Connect(new IPEndPoint(IPAddress.Loopback, listener.Port)));
        Wait.For(listener, Wait.Readable, "the IPv4 connection");
        var (accepted, server, peer) = listener.Accept();
        using (server)
        {
            accepted.Expect("accept()");
            Observe("v6only-off:accepted-from", Loopback6.Kind(peer));
            Observe("v6only-off:getpeername", Loopback6.Kind(server!.PeerName()));
        }
    }

    /// <summary>0.0.0.0 and [::] on one port: an IPv6 wildcard with IPV6_V6ONLY off covers IPv4 too, so the two
    /// conflict; with it on they do not. The sockets are bound, never listening: no port is opened.</summary>
    [Claim("tcp.dual-stack-bind")]
    public void BindingTheIpv4AndIpv6WildcardsToOnePortConflictsUnlessV6Only()
    {
        Loopback6.Require();
        ObserveOk("v6only-off", SecondBind(v6only: false, reuseAddress: false));
        ObserveOk("v6only-on", SecondBind(v6only: true, reuseAddress: false));
        ObserveOk("v6only-off-reuseaddr", SecondBind(v6only: false, reuseAddress: true));
    }

    /// <summary>bind([::]:p) of an IPv6 socket after an IPv4 socket bound 0.0.0.0:p, both with or without SO_REUSEADDR;
    /// p is free in both families before, so the IPv4 socket is the only thing the second bind can meet.</summary>
    private static SysResult SecondBind(bool v6only, bool reuseAddress)
    {
        var port = Loopback6.TcpPortFreeInBothFamilies();
        using var v4 = reuseAddress ? Sockets.ReusingAddress(Sockets.Tcp(AddressFamily.InterNetwork)) : Sockets.Tcp(AddressFamily.InterNetwork);
        v4.Bind(new IPEndPoint(IPAddress.Any, port)).Expect($"bind(0.0.0.0:{port})");
        using var v6 = reuseAddress ? Sockets.ReusingAddress(Tcp6(v6only)) : Tcp6(v6only);
        return v6.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
    }

    private static LayerSocket Tcp6(bool v6only) => Sockets.SetUp(Sockets.Tcp(AddressFamily.InterNetworkV6), s =>
        s.SetOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, v6only ? 1 : 0).Expect($"setsockopt(IPV6_V6ONLY {(v6only ? 1 : 0)})"));
}
