using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Options.NoDelay;

/// <summary>FAQ 2.11 and 2.16: Nagle is on unless TCP_NODELAY turns it off, per socket.</summary>
public sealed class NoDelayTests : ClaimTest
{
    [Claim("opt.nodelay", Layer = "raw")]
    public void NodelayIsOffByDefaultAndCanBeSetPerSocket()
    {
        using var socket = Loopback.Tcp();
        Observe("default", socket.GetInt(Sys.C.IPPROTO_TCP, Sys.C.TCP_NODELAY));
        ObserveOk("set", socket.SetInt(Sys.C.IPPROTO_TCP, Sys.C.TCP_NODELAY, 1));
        Observe("readback", socket.GetInt(Sys.C.IPPROTO_TCP, Sys.C.TCP_NODELAY));
    }
}
