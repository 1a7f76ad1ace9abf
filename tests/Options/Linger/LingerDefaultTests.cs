using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Options.Linger;

/// <summary>FAQ 4.6: SO_LINGER is off until asked for.</summary>
public sealed class LingerDefaultTests : ClaimTest
{
    [Claim("opt.linger-default", Layer = "raw")]
    public void LingerIsOffUnlessAskedFor()
    {
        using var socket = Loopback.Tcp();
        var (result, onOff, seconds) = socket.GetLinger();
        result.Expect("getsockopt(SO_LINGER)");
        Observe("onoff", onOff);
        Observe("linger", seconds);
    }
}
