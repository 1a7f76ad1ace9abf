using System.Diagnostics;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.Results;

namespace Conformance.Tcp.Closing;

/// <summary>FAQ 2.7 and 4.6: what SO_LINGER does to close().</summary>
public sealed class LingerTests : ClaimTest
{
    [Claim("tcp.linger-zero-rst", Layer = "raw")]
    public void LingerZeroAbortsWithAnRstAndSkipsTimeWait()
    {
        using var pair = TcpPair.Connect();
        var port = pair.ServerPort;
        Peer.CloseWithRst(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the RST");
        Observe("peer-read", pair.Client.Recv(100));

        using var again = Loopback.Tcp();
        ObserveOk("rebind", again.Bind(Loopback.Port(port)));
    }

    [Claim("tcp.linger-timeout", Layer = "raw")]
    public void LingerWithATimeoutMakesCloseWaitForUnsentData()
    {
        using var pair = TcpPair.Connect();
        pair.Client.SetNonBlocking(true);
        Peer.FillSendBuffer(pair.Client);
        pair.Client.SetNonBlocking(false); // BSD returns at once from close() of a non-blocking lingering socket
        pair.Client.SetLinger(on: true, seconds: 1).Expect("setsockopt(SO_LINGER {1, 1})");

        var stopwatch = Stopwatch.StartNew();
        ObserveOk("close", pair.Client.Close());
        Observe("seconds", Rounding.Timer(stopwatch.Elapsed.TotalSeconds, 1));
    }
}
