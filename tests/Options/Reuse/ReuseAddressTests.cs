using System.Net;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Options.Reuse;

/// <summary>FAQ 4.1, 4.5 and 4.11: what SO_REUSEADDR allows. Never .NET's Socket here: on Unix its Bind sets
/// SO_REUSEADDR (and its ReuseAddress option SO_REUSEPORT) behind the caller's back.</summary>
public sealed class ReuseAddressTests : ClaimTest
{
    [Claim("opt.reuseaddr-time-wait", Layer = "raw")]
    public void ReuseaddrLetsAServerBindAPortInTimeWait()
    {
        Observe("none", RebindAfterTimeWait(onListener: false, onNew: false));
        Observe("new-only", RebindAfterTimeWait(onListener: false, onNew: true));
        Observe("both", RebindAfterTimeWait(onListener: true, onNew: true));
    }

    [Claim("opt.reuseaddr-listener", Layer = "raw")]
    public void EvenWithReuseaddrAListeningPortIsInUse()
    {
        using var listener = Loopback.Listener(reuseAddress: true);
        using var second = WithReuseAddress(Loopback.Tcp());
        ObserveOk("bind", second.Bind(listener.LocalEndPoint));
    }

    /// <summary>A holds the wildcard bound but not listening: the port is taken without opening it to any network.</summary>
    [Claim("opt.reuseaddr-specific", Layer = "raw")]
    public void WithReuseaddrAnotherServerCanBindASpecificAddressOnAPortHeldOnTheWildcard()
    {
        using var wildcard = Loopback.Tcp();
        wildcard.Bind(new IPEndPoint(Loopback.Any, 0)).Expect($"bind({Loopback.Family.Print(Loopback.Any)}:0)");
        using var specific = WithReuseAddress(Loopback.Tcp());
        ObserveOk("bind", specific.Bind(Loopback.Port(wildcard.Port)));
    }

    private static string RebindAfterTimeWait(bool onListener, bool onNew)
    {
        int port;
        using (var listener = Loopback.Listener(reuseAddress: onListener))
        {
            port = TimeWait.OnServerSide(listener);
        }

        using var again = Loopback.Tcp();
        if (onNew)
        {
            WithReuseAddress(again);
        }

        return again.Bind(Loopback.Port(port)).OkOrError;
    }

    private static RawSocket WithReuseAddress(RawSocket socket)
    {
        socket.SetInt(Sys.C.SOL_SOCKET, Sys.C.SO_REUSEADDR, 1).Expect("setsockopt(SO_REUSEADDR)");
        return socket;
    }
}
