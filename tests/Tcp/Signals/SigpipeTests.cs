using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Signals;

/// <summary>FAQ 2.1, 2.19 and 2.22: a write that fails with EPIPE also raises SIGPIPE, unless asked not to.
/// SIGPIPE is blocked on the claim's own thread so that it stays pending where sigpending() can see it
/// (the .NET runtime ignores it, and an ignored signal that is not blocked is discarded).</summary>
public sealed class SigpipeTests : ClaimTest
{
    private static readonly byte[] OneByte = [1];

    /// <summary>At the .NET layers Send passes no MSG_NOSIGNAL and the runtime sets no SO_NOSIGPIPE (it ignores
    /// SIGPIPE process-wide instead), so the kernel still raises the signal, and the mask shows it while Send fails.</summary>
    [Claim("tcp.sigpipe")]
    public void AWriteThatFailsWithEpipeAlsoRaisesSigpipe()
    {
        var sigpipe = Sys.C.SIGPIPE ?? throw Unsupported("Windows has no signals: a failed send() reports WSAECONNRESET or WSAECONNABORTED only");
        using var pair = Connection.Open();
        Peer.CloseWithFin(pair.Server);
        Wait.For(pair.Client, Wait.Readable, "the peer's FIN");
        pair.Client.Send(OneByte).Expect("the write that draws the RST");
        BrokenConnection.WaitForReset(pair.Client);
        using var blocked = PosixSignals.Block(sigpipe);
        Observe("errno", pair.Client.Write(OneByte));
        Observe("sigpipe-pending", PosixSignals.IsPending(sigpipe));
    }

    [Claim("tcp.nosignal")]
    public void EpipeCanBeHadWithoutTheSignal()
    {
        var sigpipe = Sys.C.SIGPIPE ?? throw Unsupported("Windows has no signals, so there is nothing to suppress");
        using var pair = BrokenConnection.AfterPeerClosedAndReset();
        using var blocked = PosixSignals.Block(sigpipe);

        // The BSDs' own per-socket switch where it exists, else Linux's per-call flag. Not known yet: whether the
        // switch works on XNU and FreeBSD. Both discard an ignored SIGPIPE even while it is blocked (tcp.sigpipe's
        // entries), so sigpipe-pending is false there with or without the switch; counting deliveries with a
        // kqueue EVFILT_SIGNAL knote, which fires before the ignore check, would tell.
        if (Sys.C.SO_NOSIGPIPE is { } noSigpipe)
        {
            pair.Client.SetInt(Sys.C.SOL_SOCKET, noSigpipe, 1).Expect("setsockopt(SO_NOSIGPIPE)");
            Observe("errno", pair.Client.Write(OneByte));
            Observe("sigpipe-pending", PosixSignals.IsPending(sigpipe));
        }
        else
        {
            Observe("errno", pair.Client.Send(OneByte, Sys.C.MSG_NOSIGNAL!.Value));
            Observe("sigpipe-pending", PosixSignals.IsPending(sigpipe));
        }
    }
}
