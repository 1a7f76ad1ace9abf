using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.PeerFailure;

/// <summary>FAQ 2.1 and 2.8: what a connection says when its peer goes away without a word, pulled cable or reboot. The
/// peer is host B of a lab the scenario builds (<see cref="NetworkLab"/>); its sockets are the claim's layer's.</summary>
public sealed class PeerFailureTests : ClaimTest
{
    /// <summary>FAQ 2.1: "If the peer remains unreachable, we should get some other error." B's cable is pulled while a
    /// byte to it is unacknowledged; the wait for the error is bounded by TCP_USER_TIMEOUT (RFC 5482; 100 ms), set on the
    /// layer's socket's handle with the raw call (System.Net.Sockets names no such option), and the error is read at the layer.
    /// Without the bound, Linux retries for tcp_retries2's quarter of an hour (tcp.retransmit-timeout).</summary>
    [Claim("tcp.unreachable-peer")]
    public void AWriteToAPeerThatStaysUnreachableFailsWithAnotherError()
    {
        using var lab = Lab();
        var userTimeout = Sys.C.TCP_USER_TIMEOUT ?? throw Unsupported($"{Sys.Os} has no TCP_USER_TIMEOUT");
        using var listener = lab.ListenerOnB();
        using var client = lab.InA(() => Sockets.Tcp(AddressFamily.InterNetwork));
        Sys.Calls.SetSockOpt(client.Handle, Sys.C.IPPROTO_TCP, userTimeout, BitConverter.GetBytes(100)).Expect("setsockopt(TCP_USER_TIMEOUT 100)");
        client.Connect(listener.LocalEndPoint).Expect("connect() to host B");
        lab.DisconnectB();

        Observe("write", client.Send([1]));
        Observe("read", Wait.Within(client, Wait.Readable, 10_000) == 0 ? "still waiting after 10 s" : client.Receive(new byte[16]).ToString());
    }

    /// <summary>FAQ 2.1: "If the peer reboots, … then we should get ECONNRESET (eventually) from read(), or EPIPE from
    /// write()." B's cable is pulled, its sockets closed (what they send is lost), and its network namespace replaced
    /// (<see cref="NetworkLab.RebootB"/>). A's next write reaches a stack that never heard of the connection.</summary>
    [Claim("tcp.peer-reboot")]
    public void AfterThePeerRebootsTheNextReadFailsWithEconnreset()
    {
        using var lab = Lab();
        var listener = lab.ListenerOnB();
        using var client = lab.InA(() => Sockets.Tcp(AddressFamily.InterNetwork));
        using (listener)
        {
            var pair = Connection.To(listener, client);
            lab.DisconnectB();
            Peer.CloseWithRst(pair.Server);
        }

        lab.RebootB();
        Observe("write", client.Send([1]));
        Observe("read", Wait.Within(client, Wait.Readable, Wait.ExpectedMs) == 0 ? $"still waiting after {Wait.ExpectedMs} ms" : client.Receive(new byte[16]).ToString());
        Observe("write-after", client.Send([2]));
    }

    /// <summary>FAQ 2.8: "you should still expect a delay of several minutes before getting notification of the failure".
    /// How long Linux retransmits unacknowledged data before it gives up, read from the settings that bound it rather
    /// than waited for: net.ipv4.tcp_retries2 retransmissions, the timeout doubling from TCP_RTO_MIN (200 ms) until it
    /// reaches TCP_RTO_MAX (120 s; net.ipv4.tcp_rto_max_ms where the kernel has it), summed as the kernel's own
    /// tcp_model_timeout() (net/ipv4/tcp_timer.c) sums them. The settings are those of the claim's network namespace: a
    /// changed sysctl changes the cell. tcp.unreachable-peer waits for the failure, under a short user timeout.</summary>
    [Claim("tcp.retransmit-timeout")]
    public void UnacknowledgedDataIsRetriedForSeveralMinutes()
    {
        if (Sys.Os != OsFamily.Linux)
        {
            throw Inconclusive("reads Linux's net.ipv4.tcp_retries2; XNU and FreeBSD compile their limit in (TCP_MAXRXTSHIFT) and Windows keeps it in the registry (TcpMaxDataRetransmissions)");
        }

        var retries = ProcSys("net/ipv4/tcp_retries2") ?? throw Inconclusive("this kernel publishes no net.ipv4.tcp_retries2 (gVisor has none)");
        var rtoMaxMs = ProcSys("net/ipv4/tcp_rto_max_ms") ?? 120_000;
        const double rtoMinMs = 200;
        var doublings = (int)Math.Floor(Math.Log2(rtoMaxMs / rtoMinMs));
        var totalMs = retries <= doublings
            ? ((2 << retries) - 1) * rtoMinMs
            : (((2 << doublings) - 1) * rtoMinMs) + ((retries - doublings) * (double)rtoMaxMs);
        Observe("minutes", Math.Round(totalMs / 60_000).ToString(CultureInfo.InvariantCulture));
    }

    private static int? ProcSys(string name) =>
        File.Exists($"/proc/sys/{name}") && int.TryParse(File.ReadAllText($"/proc/sys/{name}").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value : null;
}
