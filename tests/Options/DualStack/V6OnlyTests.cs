using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Options.DualStack;

/// <summary>Beyond the FAQ: whether a new IPv6 socket also speaks IPv4 (IPV6_V6ONLY off, RFC 3493's default) or
/// not. The default is the system's (Linux: net.ipv6.bindv6only; FreeBSD: net.inet6.ip6.v6only; Windows: on), and
/// System.Net.Sockets' own for a Socket made for InterNetworkV6 (DualMode is its inverse).</summary>
public sealed class V6OnlyTests : ClaimTest
{
    [Claim("opt.v6only-default")]
    public void ANewIpv6SocketAlsoSpeaksIpv4ByDefault()
    {
        Loopback6.Require();
        using var tcp = Sockets.Tcp(AddressFamily.InterNetworkV6);
        using var udp = Sockets.Udp(AddressFamily.InterNetworkV6);
        Observe("tcp", tcp.GetOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only));
        Observe("udp", udp.GetOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only));
    }
}
