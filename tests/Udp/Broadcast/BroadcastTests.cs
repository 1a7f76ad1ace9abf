using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Udp.Broadcast;

/// <summary>FAQ 4.12: a socket bound to a unicast address does not see broadcasts. Loopback has no broadcast
/// address, so two test hosts of the scenario's own (namespaces joined by a veth pair) play the subnet.</summary>
public sealed class BroadcastTests : ClaimTest
{
    private const int Port = 9; // inside the scenario's own namespaces no other program can hold it

    [Claim("udp.broadcast-unicast-bind")]
    public void OnlyASocketBoundToTheWildcardSeesBroadcasts()
    {
        if (NetworkLab.Unavailable() is { } why)
        {
            throw Inconclusive(why);
        }

        using var lab = NetworkLab.Create();
        using var sender = lab.InB(() => Sockets.Udp(AddressFamily.InterNetwork));
        sender.SetOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, 1).Expect("setsockopt(SO_BROADCAST)");

        Observe("unicast-bound", SeesBroadcast(lab, sender, NetworkLab.AddressA));
        Observe("any-bound", SeesBroadcast(lab, sender, IPAddress.Any));
    }

    private static bool SeesBroadcast(NetworkLab lab, LayerSocket sender, IPAddress bindTo)
    {
        using var receiver = lab.InA(() => Sockets.Udp(AddressFamily.InterNetwork));
        receiver.Bind(new IPEndPoint(bindTo, Port)).Expect($"bind({bindTo}:{Port})");
        sender.SendTo("broadcast"u8.ToArray(), new IPEndPoint(NetworkLab.Broadcast, Port)).Expect("sendto() the broadcast address");
        // Expected not to arrive for the unicast-bound socket: a short bound; a unicast datagram sent after
        // it proves the path works, so a miss is not a lost packet.
        var seen = Wait.Within(receiver, Wait.Readable, 100) != 0;
        sender.SendTo("unicast"u8.ToArray(), new IPEndPoint(NetworkLab.AddressA, Port)).Expect("sendto() host A");
        var first = Datagrams.Drain(receiver, expected: 1);
        if (!first.Any(d => d.AsSpan().SequenceEqual("unicast"u8)))
        {
            throw new ScenarioException($"a unicast datagram to {NetworkLab.AddressA}:{Port} did not arrive either; the lab's link is broken");
        }

        return seen || first.Any(d => d.AsSpan().SequenceEqual("broadcast"u8));
    }
}
