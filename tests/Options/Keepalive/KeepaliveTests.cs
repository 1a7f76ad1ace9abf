using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Options.Keepalive;

/// <summary>FAQ 2.8 and 4.7: keepalive is off by default, slow (2 hours), and finds a peer that vanished.</summary>
public sealed class KeepaliveTests : ClaimTest
{
    /// <summary>The idle time is TCP_KEEPIDLE (TCP_KEEPALIVE on macOS), TcpKeepAliveTime as System.Net.Sockets names it.</summary>
    [Claim("opt.keepalive-default")]
    public void KeepaliveIsOffByDefaultAndItsIdleTimeIsAtLeastTwoHours()
    {
        using var socket = Sockets.Tcp();
        Observe("enabled", socket.GetOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive));
        Observe("idle-seconds", socket.GetOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime));
    }

    [Claim("opt.keepalive-per-socket")]
    public void TheKeepaliveTimeCanOnlyBeChangedSystemWide()
    {
        using var socket = Sockets.Tcp();
        using var other = Sockets.Tcp();
        SysResult Idle(LayerSocket s) => s.GetOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime);
        var before = Idle(other);
        ObserveOk("set", socket.SetOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 10));
        Observe("readback", Idle(socket));
        var after = Idle(other);
        Observe("other-socket", after.Ok && before.Ok && after.Value == before.Value ? "unchanged" : $"changed to {after}");
    }

    /// <summary>The lab's hosts are network namespaces the scenario creates; its sockets are the layer's, made inside
    /// them. The idle time, interval and count are TCP_KEEPIDLE, TCP_KEEPINTVL and TCP_KEEPCNT (TcpKeepAliveTime,
    /// TcpKeepAliveInterval and TcpKeepAliveRetryCount as System.Net.Sockets names them).</summary>
    [Claim("opt.keepalive-dead-peer")]
    public void KeepaliveDetectsAPeerThatSilentlyVanished()
    {
        // One pair of hosts, two idle connections from A to B, one of them probing; then B's cable is pulled.
        using var lab = Lab();
        using var listener = lab.ListenerOnB();
        using var probing = lab.InA(() => Sockets.Tcp(AddressFamily.InterNetwork));
        using var silent = lab.InA(() => Sockets.Tcp(AddressFamily.InterNetwork));

        // The fastest probing the options allow: idle 1 s, then one probe, given up on after 1 s.
        probing.SetOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, 1).Expect("setsockopt(SO_KEEPALIVE)");
        probing.SetOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 1).Expect("setsockopt(TCP_KEEPIDLE 1)");
        probing.SetOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 1).Expect("setsockopt(TCP_KEEPINTVL 1)");
        probing.SetOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 1).Expect("setsockopt(TCP_KEEPCNT 1)");
        probing.Connect(listener.LocalEndPoint).Expect("connect() of the probing connection");
        silent.Connect(listener.LocalEndPoint).Expect("connect() of the silent connection");
        lab.DisconnectB();

        var started = Environment.TickCount64;
        Observe("with-keepalive", EndOf(probing, 10_000));
        // The silent connection gets as long as keepalive needed, and a quarter second more: "forever" for this claim.
        var keepaliveTook = Environment.TickCount64 - started;
        Observe("without-keepalive", EndOf(silent, (int)Math.Max(0, keepaliveTook + 250 - (Environment.TickCount64 - started))));
    }

    /// <summary>The error that ends an idle connection within the bound, or "none": the pending error, else what a
    /// read of the (readable, so not waiting) connection answers.</summary>
    private static string EndOf(LayerSocket connection, int limitMs) =>
        Wait.Within(connection, Wait.Readable, limitMs) == 0 ? "none"
        : connection.PendingError() is var error and not "0" ? error
        : connection.Receive(new byte[16]).ToString();
}
