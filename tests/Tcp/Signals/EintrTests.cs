using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Signals;

/// <summary>FAQ 2.21: a blocking call interrupted by a caught signal fails with EINTR. SIGUSR2 is one the .NET
/// runtime leaves alone. Each case proves its order of events: the call is blocked in the kernel, the handler
/// has run (it leaves the signal number in the umask), and only then does data arrive. recv() is Socket.Receive at
/// the .NET layer, where whether the EINTR reaches C# is the runtime's choice: its blocking calls may simply call
/// recv() again.</summary>
public sealed class EintrTests : ClaimTest
{
    [Claim("tcp.eintr")]
    public void ABlockingRecvInterruptedByACaughtSignalFailsWithEintr()
    {
        var sigusr2 = Sys.C.SIGUSR2 ?? throw Unsupported("Windows has no signals to interrupt a call with");
        Observe("recv", RecvInterruptedBy(sigusr2, restart: false));
        // With SA_RESTART the FAQ allows either: the call goes on waiting (and gets the data), or fails with EINTR.
        Observe("recv-restart", RecvInterruptedBy(sigusr2, restart: true));
    }

    /// <summary>FAQ 3.5: "The easiest way to shorten the connect time is with an alarm() around the call to
    /// connect()". The connect waits on a listener whose queue is full; the caught signal (no SA_RESTART) ends it, or
    /// the connect "waits" on. A second connect() on the same socket says what the interrupted attempt left behind: an
    /// answer at once, or "waits" when it waits again for the handshake. A connect still waiting is released by closing
    /// the listener, whose RST answers the next SYN retransmission (shutdown() of the connecting socket would be quicker,
    /// but Linux 5.10 leaves the connect asleep after it).</summary>
    [Claim("tcp.connect-interrupted")]
    public void AConnectInterruptedByACaughtSignalFailsWithEintr()
    {
        var sigusr2 = Sys.C.SIGUSR2 ?? throw Unsupported("Windows has no signals to interrupt a connect with");
        using var full = FullListener.Make() ?? throw Inconclusive($"{FullListener.NoneWaits}, so there is no connect to interrupt");
        using var client = Sockets.Tcp();
        var release = full.Refuse;
        var (connect, waited) = Interrupted.CallAndSee(() => client.Connect(full.EndPoint).ToString(), release, sigusr2, restart: false);
        Observe("connect", waited ? "waits" : connect);
        if (waited)
        {
            Observe("connect-again", SysResult.Invisible("the signal did not end the first connect, so no attempt was left behind to ask about"));
            return;
        }

        var (again, waitedAgain) = BlockedCall<string>.Start(() => client.Connect(full.EndPoint).ToString()).Within(200, release);
        Observe("connect-again", waitedAgain ? "waits" : again);
    }

    private static string RecvInterruptedBy(int signal, bool restart)
    {
        using var pair = Connection.Open();
        return Interrupted.Call(() => pair.Client.Receive(new byte[16]).ToString(), () => Peer.Send(pair.Server, [7]), signal, restart);
    }
}
