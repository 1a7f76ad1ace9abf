using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Udp.Fragmentation;

/// <summary>FAQ 5.8: "Some platforms support IP fragmentation which will allow datagrams to be broken up (because of MTU
/// values) and then re-assembled on the other end". Loopback's MTU (65536) never breaks a datagram up, so the two hosts
/// of a lab (<see cref="NetworkLab"/>) are joined by a link of IPv6's minimum MTU, 1280 bytes.</summary>
public sealed class FragmentationTests : ClaimTest
{
    private static readonly byte[] Datagram = new byte[8000];

    /// <summary>An 8000-byte datagram from A to B arrives whole (its size as received); with don't-fragment set on the
    /// sender (IP_MTU_DISCOVER IP_PMTUDISC_DO on Linux, Socket.DontFragment), the send itself fails.</summary>
    [Claim("udp.fragmentation")]
    public void ADatagramLargerThanTheMtuIsFragmentedAndReassembled()
    {
        using var lab = Lab();
        lab.SetMtu(1280);
        using var receiver = lab.InB(() => Sockets.Udp(AddressFamily.InterNetwork));
        receiver.Bind(new IPEndPoint(NetworkLab.AddressB, 0)).Expect("bind() on host B");
        using var sender = lab.InA(() => Sockets.Udp(AddressFamily.InterNetwork));
        sender.SendTo(Datagram, receiver.LocalEndPoint).Expect("sendto() of 8000 bytes");
        Observe("received", Wait.Within(receiver, Wait.Readable, Wait.ExpectedMs) == 0 ? "nothing" : receiver.ReceiveFrom(new byte[65536]).Result.ToString());

        sender.SetOption(SocketOptionLevel.IP, SocketOptionName.DontFragment, 1).Expect("don't-fragment on");
        Observe("dont-fragment", sender.SendTo(Datagram, receiver.LocalEndPoint));
    }
}
