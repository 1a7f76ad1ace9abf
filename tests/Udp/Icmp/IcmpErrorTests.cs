using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Udp.Icmp;

/// <summary>FAQ 5.3 and 5.4: ICMP port unreachable reaches a connected UDP socket as ECONNREFUSED, once.</summary>
public sealed class IcmpErrorTests : ClaimTest
{
    [Claim("udp.connected-icmp")]
    public void AConnectedSocketGetsEconnrefusedOnTheNextCallThenItIsCleared()
    {
        using var socket = Loopback.UdpBound();
        socket.Connect(Loopback.ClosedUdpPort()).Expect("connect() to a closed port");
        socket.Send([1]).Expect("send()");
        WaitForError(socket, Wait.ExpectedMs);

        socket.SetNonBlocking(true);
        Observe("recv#1", socket.Recv(16));
        Observe("recv#2", socket.Recv(16));
    }

    [Claim("udp.unconnected-icmp")]
    public void AnUnconnectedSocketGetsNoIcmpErrors()
    {
        using var socket = Loopback.UdpBound();
        socket.SendTo([1], Loopback.ClosedUdpPort()).Expect("sendto() a closed port");
        // An error that is expected not to come: a short bound.
        WaitForError(socket, 200, required: false);

        socket.SetNonBlocking(true);
        Observe("recvfrom", socket.RecvFrom(new byte[16]).Result);
    }

    private static void WaitForError(RawSocket socket, int limitMs, bool required = true)
    {
        if ((Wait.ErrorWithin(socket, limitMs) & Sys.C.POLLERR) == 0 && required)
        {
            throw new ScenarioException($"no ICMP error arrived within {limitMs} ms");
        }
    }
}
