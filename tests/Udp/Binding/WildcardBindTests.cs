using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Udp.Binding;

/// <summary>FAQ 4.12: a UDP server that binds each of its addresses and INADDR_ANY too, on one port.</summary>
public sealed class WildcardBindTests : ClaimTest
{
    /// <summary>"SO_REUSEADDR is necessary to bind INADDR_ANY as well as the specific addresses": the loopback address
    /// first, then the wildcard on the same port, without the option on either, then with it on both.</summary>
    [Claim("udp.reuseaddr-any-and-specific")]
    public void BindingTheWildcardBesideASpecificAddressNeedsReuseaddr()
    {
        if (Loopback.WildcardReachesBeyondLoopback() is { } why)
        {
            throw Inconclusive(why);
        }

        Observe("without", WildcardBesideSpecific(reuse: false));
        Observe("with", WildcardBesideSpecific(reuse: true));
    }

    private static string WildcardBesideSpecific(bool reuse)
    {
        using var specific = reuse ? Sockets.ReusingAddress(Sockets.Udp()) : Sockets.Udp();
        specific.Bind(Loopback.AnyPort).Expect($"bind({Loopback.Family.Print(Loopback.Address)}:0)");
        using var wildcard = reuse ? Sockets.ReusingAddress(Sockets.Udp()) : Sockets.Udp();
        return wildcard.Bind(new IPEndPoint(Loopback.Any, specific.Port)).OkOrError;
    }
}
