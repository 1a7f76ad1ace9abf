using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Options.DualStack;

/// <summary>Beyond the FAQ: whether a new IPv6 socket also speaks IPv4 (IPV6_V6ONLY off, RFC 3493's default) or
/// not. The default is the system's (Linux: net.ipv6.bindv6only; FreeBSD: net.inet6.ip6.v6only; Windows: on).</summary>
public sealed class V6OnlyTests : ClaimTest
{
    [Claim("opt.v6only-default", Layer = "raw")]
    public void ANewIpv6SocketAlsoSpeaksIpv4ByDefault()
    {
        Loopback6.Require();
        using var tcp = RawSocket.Tcp(AddressFamily.InterNetworkV6);
        using var udp = RawSocket.Udp(AddressFamily.InterNetworkV6);
        Observe("tcp", tcp.GetInt(Sys.C.IPPROTO_IPV6, Sys.C.IPV6_V6ONLY));
        Observe("udp", udp.GetInt(Sys.C.IPPROTO_IPV6, Sys.C.IPV6_V6ONLY));
    }
}
