using Conformance.Fixtures.SocketLayers;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Peers;
using NUnit.Framework;

namespace Conformance.Harness.Tests.Claims;

/// <summary>The family dimension's one moving part: the loopback helpers follow the family of the claim running,
/// so one scenario body makes IPv4 sockets in its IPv4 run and IPv6 sockets in its IPv6 run.</summary>
public sealed class FamilyTests
{
    [TestCase(null, AddressFamily.InterNetwork)]
    [TestCase("ipv4", AddressFamily.InterNetwork)]
    [TestCase("ipv6", AddressFamily.InterNetworkV6)]
    public void ThePairOfAClaimRunIsOfItsFamily(string? family, AddressFamily expected)
    {
        ClaimRecorder.Begin(Catalogue.Default["tcp.read-zero-after-fin"], family);
        try
        {
            using var pair = Connection.Open();
            using var udp = Sockets.UdpBound();
            Assert.That(new[] { pair.Client.LocalEndPoint, pair.Server.PeerName()!, udp.LocalEndPoint }.Select(e => e.AddressFamily),
                Is.All.EqualTo(expected));
        }
        finally
        {
            ClaimRecorder.End();
        }
    }

    [Test]
    public void OutsideAClaimTheHelpersAreIpv4() =>
        Assert.That(IpFamily.Current, Is.EqualTo(IpFamily.V4));

    [Test]
    public void RowKeysKeepTheIdForTheIpv4RunAndMarkTheIpv6Run() => Assert.Multiple(() =>
    {
        Assert.That(ClaimRows.Key("tcp.oob", null), Is.EqualTo("tcp.oob"));
        Assert.That(ClaimRows.Key("tcp.oob", "ipv4"), Is.EqualTo("tcp.oob"));
        Assert.That(ClaimRows.Key("tcp.oob", "ipv6"), Is.EqualTo("tcp.oob/ipv6"));
    });
}
