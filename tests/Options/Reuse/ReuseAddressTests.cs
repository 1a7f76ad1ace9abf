using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Options.Reuse;

/// <summary>FAQ 4.1, 4.5 and 4.11: what SO_REUSEADDR allows. At the .NET layers on Unix, Socket.Bind sets
/// SO_REUSEADDR on every TCP socket behind the caller's back (and ReuseAddress sets SO_REUSEPORT too), so what a C#
/// program sees differs there: the runtime's table documents each cell.</summary>
public sealed class ReuseAddressTests : ClaimTest
{
    [Claim("opt.reuseaddr-time-wait")]
    public void ReuseaddrLetsAServerBindAPortInTimeWait()
    {
        Observe("none", RebindAfterTimeWait(onListener: false, onNew: false));
        Observe("new-only", RebindAfterTimeWait(onListener: false, onNew: true));
        Observe("both", RebindAfterTimeWait(onListener: true, onNew: true));
    }

    /// <summary>FAQ 4.5: "SO_REUSEADDR just says that you can reuse local addresses. The 5 tuple still must be unique!"
    /// Two clients with SO_REUSEADDR take one local port and connect to one listener: the second would repeat the
    /// first's 5-tuple.</summary>
    [Claim("opt.reuseaddr-unique-tuple")]
    public void ReuseaddrSharesALocalPortButNotAFiveTuple()
    {
        using var listener = Sockets.Listener();
        using var first = Sockets.ReusingAddress(Sockets.Tcp());
        first.Bind(Loopback.AnyPort).Expect("bind() of the first client");
        first.Connect(listener.LocalEndPoint).Expect("connect() of the first client");
        using var second = Sockets.ReusingAddress(Sockets.Tcp());
        var bind = second.Bind(Loopback.Port(first.Port));
        ObserveOk("bind#2", bind);
        Observe("connect#2", bind.Ok ? second.Connect(listener.LocalEndPoint).OkOrError : "not-tried");
    }

    [Claim("opt.reuseaddr-listener")]
    public void EvenWithReuseaddrAListeningPortIsInUse()
    {
        using var listener = Sockets.Listener(reuseAddress: true);
        using var second = Sockets.ReusingAddress(Sockets.Tcp());
        ObserveOk("bind", second.Bind(listener.LocalEndPoint));
    }

    /// <summary>FAQ 4.11: A holds the wildcard and listens, a server on INADDR_ANY. B binds the same port on a specific
    /// address, first without SO_REUSEADDR (the FAQ's point: the option is what makes it possible), then with it.
    /// Through System.Net.Sockets on Unix the first bind has SO_REUSEADDR all the same: Socket.Bind sets it.</summary>
    [Claim("opt.reuseaddr-specific")]
    public void OnlyWithReuseaddrCanAnotherServerBindASpecificAddressOnAPortHeldOnTheWildcard()
    {
        if (Loopback.WildcardReachesBeyondLoopback() is { } why)
        {
            throw Inconclusive(why);
        }

        using var wildcard = Sockets.Tcp();
        wildcard.Bind(new IPEndPoint(Loopback.Any, 0)).Expect($"bind({Loopback.Family.Print(Loopback.Any)}:0)");
        wildcard.Listen(4).Expect("listen() on the wildcard");
        using (var plain = Sockets.Tcp())
        {
            ObserveOk("no-reuseaddr", plain.Bind(Loopback.Port(wildcard.Port)));
        }

        using var specific = Sockets.ReusingAddress(Sockets.Tcp());
        ObserveOk("bind", specific.Bind(Loopback.Port(wildcard.Port)));
    }

    private static string RebindAfterTimeWait(bool onListener, bool onNew)
    {
        int port;
        using (var pair = Connection.Open(keepListener: true, reuseAddress: onListener))
        {
            port = pair.Listener!.Port;
            TimeWait.ActiveClose(active: pair.Server, passive: pair.Client);
        }

        using var again = Sockets.Tcp();
        if (onNew)
        {
            Sockets.ReusingAddress(again);
        }

        return again.Bind(Loopback.Port(port)).OkOrError;
    }
}
