using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.ThroughDotnet;

/// <summary>FAQ 2.21 through Socket.Receive: a thread blocked in Receive gets a caught signal (SIGUSR2, which the
/// runtime leaves alone) and only then the data. Whether the EINTR reaches C# is the runtime's choice: its
/// blocking calls may simply call recv() again.</summary>
public sealed class EintrTests : ClaimTest
{
    [Claim("tcp.eintr", Layer = "dotnet")]
    public void ABlockingReceiveInterruptedByACaughtSignal()
    {
        var sigusr2 = Sys.C.SIGUSR2 ?? throw Unsupported("Windows has no signals to interrupt a call with");
        Observe("recv", ReceiveInterruptedBy(sigusr2, restart: false));
        Observe("recv-restart", ReceiveInterruptedBy(sigusr2, restart: true));
    }

    private static string ReceiveInterruptedBy(int signal, bool restart)
    {
        using var pair = ManagedPair.Connect();
        return Interrupted.Call(
            () => Managed.Call(() => pair.Client.Receive(new byte[16])).ToString(),
            () => pair.Server.Send([7]),
            signal,
            restart);
    }
}
