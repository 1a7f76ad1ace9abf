using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Udp.ThroughDotnet;

/// <summary>A body of its own until the network lab makes layer sockets. FAQ 4.11 and 4.12 through System.Net.Sockets: who receives a datagram sent to many, by how the
/// receiving Socket is bound. Both are IPv4 by nature.</summary>
public sealed class GroupDeliveryTests : ClaimTest
{
    private const int BroadcastPort = 9; // inside the scenario's own namespaces no other program can hold it
    private static readonly IPAddress Group = IPAddress.Parse("239.1.2.3");

    private static Socket Udp4() => new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    /// <summary>Loopback has no broadcast address, so two test hosts of the scenario's own (namespaces joined by a
    /// veth pair) play the subnet.</summary>
    [Claim("udp.broadcast-unicast-bind", Layer = "dotnet")]
    public void OnlyASocketBoundToTheWildcardSeesBroadcasts()
    {
        if (NetworkLab.Unavailable() is { } why)
        {
            throw Inconclusive(why);
        }

        using var lab = NetworkLab.Create();
        using var sender = lab.InB(Udp4);
        sender.EnableBroadcast = true;

        Observe("unicast-bound", SeesBroadcast(lab, sender, NetworkLab.AddressA));
        Observe("any-bound", SeesBroadcast(lab, sender, IPAddress.Any));
    }

    private static bool SeesBroadcast(NetworkLab lab, Socket sender, IPAddress bindTo)
    {
        using var receiver = lab.InA(Udp4);
        receiver.Bind(new IPEndPoint(bindTo, BroadcastPort));
        sender.SendTo("broadcast"u8, new IPEndPoint(NetworkLab.Broadcast, BroadcastPort));
        // Expected not to arrive for the unicast-bound Socket: a short bound; a unicast datagram sent after it
        // proves the path works, so a miss is not a lost packet.
        var seen = receiver.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead);
        sender.SendTo("unicast"u8, new IPEndPoint(NetworkLab.AddressA, BroadcastPort));
        var first = Managed.Drain(receiver, expected: 1);
        if (!first.Any(d => d.AsSpan().SequenceEqual("unicast"u8)))
        {
            throw new ScenarioException($"a unicast datagram to {NetworkLab.AddressA}:{BroadcastPort} did not arrive either; the lab's link is broken");
        }

        return seen || first.Any(d => d.AsSpan().SequenceEqual("broadcast"u8));
    }

    /// <summary>ReuseAddress is what a C# program sets; on Unix the runtime sets SO_REUSEPORT with it. The group is
    /// joined on loopback and looped back to this host (MulticastLoopback), so nothing leaves the machine.</summary>
    [Claim("udp.reuseaddr-multicast", Layer = "dotnet")]
    public void TwoSocketsWithReuseAddressMayBindTheSameMulticastAddress()
    {
        using var first = Member(0, out var bindFirst);
        if (!bindFirst.Ok)
        {
            // Windows refuses to bind a socket to a group address (WSAEADDRNOTAVAIL): the FAQ's situation cannot arise.
            throw Unsupported($"this platform does not let a socket bind a multicast group address: Bind({Group}) failed with {bindFirst.Error}");
        }

        var port = Managed.Local(first).Port;
        using var second = Member(port, out var bindSecond);
        ObserveOk("bind#2", bindSecond);

        using var sender = Udp4();
        sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
        sender.MulticastLoopback = true;
        var sent = Managed.Call(() => sender.SendTo("m"u8, new IPEndPoint(Group, port)));
        if (!sent.Ok)
        {
            throw Inconclusive($"loopback carries no multicast here: SendTo({Group}) failed with {sent.Error}");
        }

        var receivers = new List<string>();
        if (Managed.Drain(first, expected: 1).Count > 0)
        {
            receivers.Add("first");
        }

        if (bindSecond.Ok && Managed.Drain(second, expected: 1).Count > 0)
        {
            receivers.Add("second");
        }

        Observe("delivered-to", receivers.Count == 0 ? "none" : string.Join(",", receivers));
    }

    /// <summary>A Socket with ReuseAddress bound to the group at <paramref name="port"/>, joined on loopback.</summary>
    private static Socket Member(int port, out SysResult bind)
    {
        var socket = Udp4();
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            var bound = Managed.Call(() => socket.Bind(new IPEndPoint(Group, port)));
            if (bound.Ok)
            {
                var joined = Managed.Call(() => socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Group, IPAddress.Loopback)));
                if (!joined.Ok)
                {
                    throw new ClaimNotObservedException(Verdict.Inconclusive, $"cannot join {Group} on loopback here: AddMembership failed with {joined.Error}");
                }
            }

            bind = bound;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
