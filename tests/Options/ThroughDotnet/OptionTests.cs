using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Options.ThroughDotnet;

/// <summary>FAQ 2.8, 2.11, 2.16, 4.1, 4.5-4.7, 4.11, 5.9 through System.Net.Sockets: the options as Socket names
/// them (ReuseAddress, LingerState, NoDelay, KeepAlive and TcpKeepAliveTime, ReceiveBufferSize, DualMode).</summary>
public sealed class OptionTests : ClaimTest
{
    private static Socket WithReuseAddress(Socket socket)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        return socket;
    }

    [Claim("opt.reuseaddr-time-wait", Layer = "dotnet")]
    public void ReuseAddressLetsAServerBindAPortInTimeWait()
    {
        Observe("none", RebindAfterTimeWait(onListener: false, onNew: false));
        Observe("new-only", RebindAfterTimeWait(onListener: false, onNew: true));
        Observe("both", RebindAfterTimeWait(onListener: true, onNew: true));
    }

    private static string RebindAfterTimeWait(bool onListener, bool onNew)
    {
        int port;
        using (var listener = Managed.Tcp())
        {
            if (onListener)
            {
                WithReuseAddress(listener);
            }

            listener.Bind(Loopback.AnyPort);
            listener.Listen(4);
            port = Managed.Local(listener).Port;
            using var client = Managed.Tcp();
            client.Connect(listener.LocalEndPoint!);
            var server = listener.Accept();
            Managed.ActiveClose(active: server, passive: client);
        }

        using var again = Managed.Tcp();
        if (onNew)
        {
            WithReuseAddress(again);
        }

        return Managed.Call(() => again.Bind(Loopback.Port(port))).OkOrError;
    }

    [Claim("opt.reuseaddr-listener", Layer = "dotnet")]
    public void EvenWithReuseAddressAListeningPortIsInUse()
    {
        using var listener = WithReuseAddress(Managed.Tcp());
        listener.Bind(Loopback.AnyPort);
        listener.Listen(4);
        using var second = WithReuseAddress(Managed.Tcp());
        ObserveOk("bind", Managed.Call(() => second.Bind(listener.LocalEndPoint!)));
    }

    [Claim("opt.reuseaddr-specific", Layer = "dotnet")]
    public void WithReuseAddressAnotherServerCanBindASpecificAddressOnAPortHeldOnTheWildcard()
    {
        using var wildcard = Managed.Tcp();
        wildcard.Bind(new IPEndPoint(Loopback.Any, 0));
        using var specific = WithReuseAddress(Managed.Tcp());
        ObserveOk("bind", Managed.Call(() => specific.Bind(Loopback.Port(Managed.Local(wildcard).Port))));
    }

    /// <summary>Socket has no SO_REUSEPORT of its own: on Unix its ReuseAddress option is the one that sets it.</summary>
    [Claim("opt.reuseport", Layer = "dotnet")]
    public void ReuseAddressAllowsASharedPortOnlyIfAllSetIt()
    {
        Observe("both", SecondBind(firstSets: true));
        Observe("first-without", SecondBind(firstSets: false));
    }

    private static string SecondBind(bool firstSets)
    {
        using var first = Managed.Tcp();
        if (firstSets)
        {
            WithReuseAddress(first);
        }

        first.Bind(Loopback.AnyPort);
        using var second = WithReuseAddress(Managed.Tcp());
        return Managed.Call(() => second.Bind(first.LocalEndPoint!)).OkOrError;
    }

    [Claim("opt.linger-default", Layer = "dotnet")]
    public void LingerStateIsOffUnlessAskedFor()
    {
        using var socket = Managed.Tcp();
        var linger = socket.LingerState!;
        Observe("onoff", linger.Enabled ? 1 : 0);
        Observe("linger", linger.LingerTime);
    }

    [Claim("opt.keepalive-default", Layer = "dotnet")]
    public void KeepAliveIsOffByDefaultAndItsIdleTimeIsAtLeastTwoHours()
    {
        using var socket = Managed.Tcp();
        Observe("enabled", Managed.Call(() => (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!));
        Observe("idle-seconds", Managed.Call(() => (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!));
    }

    [Claim("opt.keepalive-per-socket", Layer = "dotnet")]
    public void TheKeepAliveTimeCanOnlyBeChangedSystemWide()
    {
        using var socket = Managed.Tcp();
        using var other = Managed.Tcp();
        SysResult Idle(Socket s) => Managed.Call(() => (int)s.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
        var before = Idle(other);
        ObserveOk("set", Managed.Call(() => socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 10)));
        Observe("readback", Idle(socket));
        var after = Idle(other);
        Observe("other-socket", after.Ok && before.Ok && after.Value == before.Value ? "unchanged" : $"changed to {after}");
    }

    [Claim("opt.nodelay", Layer = "dotnet")]
    public void NoDelayIsOffByDefaultAndCanBeSetPerSocket()
    {
        using var socket = Managed.Tcp();
        Observe("default", socket.NoDelay ? 1 : 0);
        ObserveOk("set", Managed.Call(() => socket.NoDelay = true));
        Observe("readback", Managed.Call(() => (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay)!));
    }

    [Claim("opt.rcvbuf-readback", Layer = "dotnet")]
    public void TheReceiveBufferSizeReadsBackAsSet()
    {
        using var socket = Managed.Udp();
        socket.ReceiveBufferSize = 4096;
        Observe("readback", socket.ReceiveBufferSize);
    }

    /// <summary>DualMode is IPV6_V6ONLY's inverse, read on a Socket made for IPv6 (the constructor without a family
    /// turns DualMode on by itself; this one leaves the system's default).</summary>
    [Claim("opt.v6only-default", Layer = "dotnet")]
    public void ANewIpv6SocketAlsoSpeaksIpv4ByDefault()
    {
        Loopback6.Require();
        using var tcp = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        using var udp = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        Observe("tcp", tcp.DualMode ? 0 : 1);
        Observe("udp", udp.DualMode ? 0 : 1);
    }
}
