using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;

namespace Conformance.Fixtures.Peers;

/// <summary>The address family a claim's scenario runs over, as gVisor's socket tests run one body over IPv4 and
/// IPv6 socket pairs. The claim running now carries it (see <see cref="ClaimRecorder.Family"/>); the loopback
/// helpers read it, so a scenario written once with <see cref="Loopback"/> and <see cref="SocketLayers.Connection"/> runs over
/// either.</summary>
/// <param name="AllNodes">The multicast group every host of the link is in (224.0.0.1, RFC 1112; ff02::1, RFC 4291
/// section 2.7.1): a multicast address that exists on every machine.</param>
public sealed record IpFamily(string Name, AddressFamily AddressFamily, IPAddress Loopback, IPAddress Any, IPAddress AllNodes)
{
    public static IpFamily V4 { get; } = new("ipv4", AddressFamily.InterNetwork, IPAddress.Loopback, IPAddress.Any, IPAddress.Parse("224.0.0.1"));

    public static IpFamily V6 { get; } = new("ipv6", AddressFamily.InterNetworkV6, IPAddress.IPv6Loopback, IPAddress.IPv6Any, IPAddress.Parse("ff02::1"));

    /// <summary>The family of the claim running now; IPv4 outside a claim and for claims that run once.</summary>
    public static IpFamily Current => ClaimRecorder.Running?.Family switch
    {
        "ipv6" => V6,
        _ => V4,
    };

    public static IpFamily Named(string name) => name switch
    {
        "ipv4" => V4,
        "ipv6" => V6,
        _ => throw new ArgumentException($"'{name}' is not an address family the suite runs over (ipv4, ipv6)", nameof(name)),
    };

    /// <summary>The address as bind() messages print it: 127.0.0.1, [::1].</summary>
    public string Print(IPAddress address) => AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
