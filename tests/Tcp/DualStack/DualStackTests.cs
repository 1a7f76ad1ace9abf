using System.Net;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.DualStack;

/// <summary>Beyond the FAQ: one IPv6 socket serving IPv4 peers through IPv4-mapped addresses (RFC 4291 2.5.5.2,
/// RFC 3493 3.7), and what that does to binding IPv4 and IPv6 on one port.</summary>
public sealed class DualStackTests : ClaimTest
{
    /// <summary>The listener binds the IPv4-mapped loopback (::ffff:127.0.0.1), not [::], so nothing is opened beyond
    /// loopback; binding a mapped address is allowed only to a socket with IPV6_V6ONLY off, which is the trap the
    /// default decides. Not known on Windows: which error a mapped bind gets there while the option is on.</summary>
    [Claim("tcp.v4-mapped-peer", Layer = "raw")]
    public void AnIpv6ListenerServesIpv4ClientsAsV4MappedPeers()
    {
        Loopback6.Require();
        using (var byDefault = Loopback6.Tcp())
        {
            ObserveOk("default:bind-mapped", byDefault.Bind(new IPEndPoint(Loopback6.MappedLoopback, 0)));
        }

        using var listener = Loopback6.Tcp(v6only: false).SetUp(l =>
        {
            l.Bind(new IPEndPoint(Loopback6.MappedLoopback, 0)).Expect("bind([::ffff:127.0.0.1]:0) with IPV6_V6ONLY 0");
            l.Listen(4).Expect("listen()");
        });
        using var client = RawSocket.Tcp();
        ObserveOk("v6only-off:connect", client.Connect(Loopback.Port(listener.Port)));
        Wait.For(listener, Wait.Readable, "the IPv4 connection");
        var (accepted, server, peer) = listener.Accept();
        using (server)
        {
            accepted.Expect("accept()");
            Observe("v6only-off:accepted-from", Loopback6.Kind(peer));
            Observe("v6only-off:getpeername", Loopback6.Kind(server!.PeerEndPoint));
        }
    }

    /// <summary>0.0.0.0 and [::] on one port: an IPv6 wildcard with IPV6_V6ONLY off covers IPv4 too, so the two
    /// conflict; with it on they do not. The sockets are bound, never listening: no port is opened.</summary>
    [Claim("tcp.dual-stack-bind", Layer = "raw")]
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
        using var v4 = RawSocket.Tcp().SetUp(s => Reuse(s, reuseAddress));
        v4.Bind(new IPEndPoint(IPAddress.Any, port)).Expect($"bind(0.0.0.0:{port})");
        using var v6 = Loopback6.Tcp(v6only).SetUp(s => Reuse(s, reuseAddress));
        return v6.Bind(new IPEndPoint(IPAddress.IPv6Any, v4.Port));
    }

    private static void Reuse(RawSocket socket, bool on)
    {
        if (on)
        {
            socket.SetInt(Sys.C.SOL_SOCKET, Sys.C.SO_REUSEADDR, 1).Expect("setsockopt(SO_REUSEADDR)");
        }
    }
}
