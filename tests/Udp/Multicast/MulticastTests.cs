using System.Net;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Udp.Multicast;

/// <summary>FAQ 4.11: binding a multicast address, SO_REUSEADDR acts as SO_REUSEPORT. The group is joined on
/// loopback and looped back to this host (IP_MULTICAST_LOOP), so nothing leaves the machine.</summary>
public sealed class MulticastTests : ClaimTest
{
    private static readonly IPAddress Group = IPAddress.Parse("239.1.2.3");

    [Claim("udp.reuseaddr-multicast", Layer = "raw")]
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

        using var sender = RawSocket.Udp();
        sender.SetBytes(Sys.C.IPPROTO_IP, Sys.C.IP_MULTICAST_IF, IPAddress.Loopback.GetAddressBytes()).Expect("setsockopt(IP_MULTICAST_IF 127.0.0.1)");
        sender.SetInt(Sys.C.IPPROTO_IP, Sys.C.IP_MULTICAST_LOOP, 1).Expect("setsockopt(IP_MULTICAST_LOOP)");
        var sent = sender.SendTo("m"u8, new IPEndPoint(Group, port));
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
    private static RawSocket Member(int port, out SysResult bind)
    {
        var socket = RawSocket.Udp();
        try
        {
            socket.SetInt(Sys.C.SOL_SOCKET, Sys.C.SO_REUSEADDR, 1).Expect("setsockopt(SO_REUSEADDR)");
            bind = socket.Bind(new IPEndPoint(Group, port));
            if (bind.Ok)
            {
                // struct ip_mreq { in_addr imr_multiaddr; in_addr imr_interface; }
                byte[] membership = [.. Group.GetAddressBytes(), .. IPAddress.Loopback.GetAddressBytes()];
                var joined = socket.SetBytes(Sys.C.IPPROTO_IP, Sys.C.IP_ADD_MEMBERSHIP, membership);
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
