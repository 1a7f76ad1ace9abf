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

    /// <summary>FAQ 4.12 speaks of both kinds of broadcast: the subnet's ("the broadcast addresses") and the limited
    /// one, INADDR_BROADCAST, which only the INADDR_ANY socket is there to catch. The sender is bound to host B's
    /// address, which is how a datagram to 255.255.255.255 finds its interface in a namespace with no default route.</summary>
    [Claim("udp.broadcast-unicast-bind")]
    public void OnlyASocketBoundToTheWildcardSeesBroadcasts()
    {
        using var lab = Lab();
        using var sender = lab.InB(() => Sockets.Udp(AddressFamily.InterNetwork));
        sender.SetOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, 1).Expect("setsockopt(SO_BROADCAST)");
        sender.Bind(new IPEndPoint(NetworkLab.AddressB, 0)).Expect($"bind({NetworkLab.AddressB}:0)");

        Observe("unicast-bound", SeesBroadcast(lab, sender, NetworkLab.AddressA, NetworkLab.Broadcast));
        Observe("any-bound", SeesBroadcast(lab, sender, IPAddress.Any, NetworkLab.Broadcast));
        Observe("unicast-bound:INADDR_BROADCAST", SeesBroadcast(lab, sender, NetworkLab.AddressA, IPAddress.Broadcast));
        Observe("any-bound:INADDR_BROADCAST", SeesBroadcast(lab, sender, IPAddress.Any, IPAddress.Broadcast));
    }

    private static bool SeesBroadcast(NetworkLab lab, LayerSocket sender, IPAddress bindTo, IPAddress broadcast)
    {
        using var receiver = lab.InA(() => Sockets.Udp(AddressFamily.InterNetwork));
        receiver.Bind(new IPEndPoint(bindTo, Port)).Expect($"bind({bindTo}:{Port})");
        sender.SendTo("broadcast"u8.ToArray(), new IPEndPoint(broadcast, Port)).Expect($"sendto() {broadcast}");
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
