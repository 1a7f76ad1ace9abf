using Conformance.Fixtures.Claims;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Options.Linger;

/// <summary>FAQ 4.6: SO_LINGER is off until asked for (LingerState, as System.Net.Sockets names it).</summary>
public sealed class LingerDefaultTests : ClaimTest
{
    [Claim("opt.linger-default")]
    public void LingerIsOffUnlessAskedFor()
    {
        using var socket = Sockets.Tcp();
        var (result, onOff, seconds) = socket.GetLinger();
        result.Expect("getsockopt(SO_LINGER)");
        Observe("onoff", onOff);
        Observe("linger", seconds);
    }
}
