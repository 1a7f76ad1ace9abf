using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Peers;

namespace Conformance.Options.ThroughDotnet;

/// <summary>A body of its own until the network lab makes layer sockets (it makes raw ones in each host). FAQ 2.8 through System.Net.Sockets: KeepAlive, with TcpKeepAliveTime, TcpKeepAliveInterval and
/// TcpKeepAliveRetryCount, finds a peer that vanished without a word. The scenario's own two IPv4 hosts
/// (namespaces joined by a veth pair) let B's cable be pulled.</summary>
public sealed class DeadPeerTests : ClaimTest
{
    private static Socket Tcp4() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    [Claim("opt.keepalive-dead-peer", Layer = "dotnet")]
    public void KeepaliveDetectsAPeerThatSilentlyVanished()
    {
        if (NetworkLab.Unavailable() is { } why)
        {
            throw Inconclusive(why);
        }

        // One pair of hosts, two idle connections from A to B, one of them probing; then B's cable is pulled.
        using var lab = NetworkLab.Create();
        using var listener = lab.InB(Tcp4);
        listener.Bind(new IPEndPoint(NetworkLab.AddressB, 0));
        listener.Listen(4);
        using var probing = lab.InA(Tcp4);
        using var silent = lab.InA(Tcp4);

        // The fastest probing the options allow: idle 1 s, then one probe, given up on after 1 s.
        probing.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        probing.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 1);
        probing.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 1);
        probing.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 1);
        probing.Connect(listener.LocalEndPoint!);
        silent.Connect(listener.LocalEndPoint!);
        lab.DisconnectB();

        var started = Environment.TickCount64;
        Observe("with-keepalive", EndOf(probing, 10_000));
        // The silent connection gets as long as keepalive needed, and a quarter second more: "forever" for this claim.
        var keepaliveTook = Environment.TickCount64 - started;
        Observe("without-keepalive", EndOf(silent, (int)Math.Max(0, keepaliveTook + 250 - (Environment.TickCount64 - started))));
    }

    /// <summary>The error that ends an idle connection within the bound, or "none".</summary>
    private static string EndOf(Socket connection, int limitMs) =>
        !connection.Poll(TimeSpan.FromMilliseconds(limitMs), SelectMode.SelectRead) ? "none"
        : Managed.PendingError(connection) is { } error ? error.Name
        : Managed.Call(() => connection.Receive(new byte[16])).ToString();
}
