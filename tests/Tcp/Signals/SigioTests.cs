using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Signals;

/// <summary>FAQ 2.9: "Using SIGIO allows your application to do what it does and have the operating system tell it (with
/// a signal) that there is data waiting for it on a socket."</summary>
public sealed class SigioTests : ClaimTest
{
    /// <summary>One byte arrives before O_ASYNC is set and one after; whether the kernel raised SIGIO is read where it
    /// keeps the record (<see cref="RaisedSignal"/>). Data that has arrived has raised its signal already, so the first
    /// look needs no wait; the second is polled for, bounded.</summary>
    [Claim("tcp.sigio")]
    public void WithOAsyncTheKernelSignalsArrivingData()
    {
        var sigio = Sys.C.SIGIO ?? throw Unsupported("Windows has no signals: WSAAsyncSelect posts a window message instead");

        // The watch is made first so that it ends last: a socket that can still raise SIGIO is closed while it is blocked.
        using var sigioRaised = RaisedSignal.Watch(sigio);
        using var pair = Connection.Open();
        var client = pair.Client.AsRaw(); // F_SETOWN and O_ASYNC are the raw layer's
        Peer.Send(pair.Server, [1]);
        Wait.For(pair.Client, Wait.Readable, "the byte sent before O_ASYNC");
        Observe("without-o-async", sigioRaised.Raised);

        SignalDrivenIo.Enable(client);
        Peer.Send(pair.Server, [2]);
        Observe("with-o-async", Wait.Until(() => sigioRaised.Raised, Wait.ExpectedMs, stepMs: 1));
    }
}
