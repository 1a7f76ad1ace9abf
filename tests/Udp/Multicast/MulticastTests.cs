using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Udp.Multicast;

/// <summary>FAQ 4.11: binding a multicast address, SO_REUSEADDR acts as SO_REUSEPORT. The group is joined on
/// loopback and looped back to this host (IP_MULTICAST_LOOP), so nothing leaves the machine. Through
/// System.Net.Sockets, ReuseAddress is what a C# program sets (on Unix the runtime sets SO_REUSEPORT with it), and a
/// MulticastOption joins the group.</summary>
public sealed class MulticastTests : ClaimTest
{
    private static readonly IPAddress Group = IPAddress.Parse("239.1.2.3");

    [Claim("udp.reuseaddr-multicast")]
    public void TwoSocketsWithReuseaddrMayBindTheSameMulticastAddress()
    {
        using var first = Member(0, out var bindFirst);
        if (!bindFirst.Ok)
        {
            // Windows refuses to bind a socket to a group address (WSAEADDRNOTAVAIL): the FAQ's situation, a
            // multicast address bound twice, cannot arise there at all.
            throw Unsupported($"this platform does not let a socket bind a multicast group address: bind({Group}) failed with {bindFirst.Error}");
        }

        var port = first.Port;
        using var second = Member(port, out var bindSecond);
        ObserveOk("bind#2", bindSecond);

        using var sender = Sockets.Udp(AddressFamily.InterNetwork);
        sender.SetMulticastInterface(IPAddress.Loopback).Expect("setsockopt(IP_MULTICAST_IF 127.0.0.1)");
        sender.SetOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, 1).Expect("setsockopt(IP_MULTICAST_LOOP)");
        var sent = sender.SendTo("m"u8.ToArray(), new IPEndPoint(Group, port));
        if (!sent.Ok)
        {
            throw Inconclusive($"loopback carries no multicast here: sendto({Group}) failed with {sent.Error}");
        }

        var receivers = new List<string>();
        if (Datagrams.Drain(first, expected: 1).Count > 0)
        {
            receivers.Add("first");
        }

        if (bindSecond.Ok && Datagrams.Drain(second, expected: 1).Count > 0)
        {
            receivers.Add("second");
        }

        Observe("delivered-to", receivers.Count == 0 ? "none" : string.Join(",", receivers));
    }

    /// <summary>A socket with SO_REUSEADDR bound to the group at <paramref name="port"/>, joined on loopback.</summary>
    private static LayerSocket Member(int port, out SysResult bind)
    {
        var socket = Sockets.Udp(AddressFamily.InterNetwork);
        try
        {
            socket.SetOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, 1).Expect("setsockopt(SO_REUSEADDR)");
            bind = socket.Bind(new IPEndPoint(Group, port));
            if (bind.Ok)
            {
                var joined = socket.JoinGroup(Group, IPAddress.Loopback);
                if (!joined.Ok)
                {
                    throw new ClaimNotObservedException(Verdict.Inconclusive, $"cannot join {Group} on loopback here: IP_ADD_MEMBERSHIP failed with {joined.Error}");
                }
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
