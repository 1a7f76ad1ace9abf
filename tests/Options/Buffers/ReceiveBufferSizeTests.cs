using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Options.Buffers;

/// <summary>FAQ 5.9: the size a receive buffer is set to, as the system reports it back.</summary>
public sealed class ReceiveBufferSizeTests : ClaimTest
{
    [Claim("opt.rcvbuf-readback", Layer = "raw")]
    public void TheReceiveBufferReadsBackAsSet()
    {
        using var socket = Loopback.Udp();
        socket.SetInt(Sys.C.SOL_SOCKET, Sys.C.SO_RCVBUF, 4096).Expect("setsockopt(SO_RCVBUF 4096)");
        Observe("readback", socket.GetInt(Sys.C.SOL_SOCKET, Sys.C.SO_RCVBUF));
    }
}
