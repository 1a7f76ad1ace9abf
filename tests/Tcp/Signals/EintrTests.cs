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

    private static string RecvInterruptedBy(int signal, bool restart)
    {
        using var pair = Connection.Open();
        return Interrupted.Call(() => pair.Client.Receive(new byte[16]).ToString(), () => Peer.Send(pair.Server, [7]), signal, restart);
    }
}
