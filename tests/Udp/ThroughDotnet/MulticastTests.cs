using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Udp.ThroughDotnet;

/// <summary>FAQ 4.11 through System.Net.Sockets: two Sockets bound to one multicast address, and who receives. A body
/// of its own because the APIs differ: joining a group is setsockopt() with a struct ip_mreq at the raw layer, a
/// MulticastOption here.</summary>
public sealed class MulticastTests : ClaimTest
{
    private static readonly IPAddress Group = IPAddress.Parse("239.1.2.3");

    private static Socket Udp4() => new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

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
