using System.Diagnostics;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.Results;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Closing;

/// <summary>FAQ 2.7 and 4.6: what SO_LINGER does to close().</summary>
public sealed class LingerTests : ClaimTest
{
    [Claim("tcp.linger-zero-rst")]
    public void LingerZeroAbortsWithAnRstAndSkipsTimeWait()
    {
        using var pair = Connection.Open();
        var port = pair.Server.Port;
        Peer.CloseWithRst(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the RST");
        Observe("peer-read", pair.Client.Receive(new byte[100]));

        using var again = Sockets.Tcp();
        ObserveOk("rebind", again.Bind(Loopback.Port(port)));
    }

    /// <summary>The fill leaves the socket blocking: BSD returns at once from close() of a non-blocking lingering
    /// socket. At the .NET layers "close" is not observed: Socket.Close returns nothing, so only the time it took is.</summary>
    [Claim("tcp.linger-timeout")]
    public void LingerWithATimeoutMakesCloseWaitForUnsentData()
    {
        using var pair = Connection.Open();
        Peer.FillSendBuffer(pair.Client);
        pair.Client.SetLinger(on: true, seconds: 1).Expect("setsockopt(SO_LINGER {1, 1})");

        var stopwatch = Stopwatch.StartNew();
        ObserveOk("close", pair.Client.Close());
        Observe("seconds", Rounding.Timer(stopwatch.Elapsed.TotalSeconds, 1));
    }
}
