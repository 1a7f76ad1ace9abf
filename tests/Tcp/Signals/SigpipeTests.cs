using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Signals;

/// <summary>FAQ 2.1, 2.19 and 2.22: a write that fails with EPIPE also raises SIGPIPE, unless asked not to. The .NET
/// runtime ignores SIGPIPE, so whether the kernel raised it is read where each kernel records it
/// (<see cref="RaisedSignal"/>), not from a delivery.</summary>
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
        using var sigpipeRaised = RaisedSignal.Watch(sigpipe);
        Observe("errno", pair.Client.Write(OneByte));
        Observe("sigpipe-raised", sigpipeRaised.Raised);
    }

    [Claim("tcp.nosignal")]
    public void EpipeCanBeHadWithoutTheSignal()
    {
        var sigpipe = Sys.C.SIGPIPE ?? throw Unsupported("Windows has no signals, so there is nothing to suppress");
        using var pair = BrokenConnection.AfterPeerClosedAndReset();
        var client = pair.Client.AsRaw(); // SO_NOSIGPIPE and MSG_NOSIGNAL are the raw layer's
        using var sigpipeRaised = RaisedSignal.Watch(sigpipe);

        // The BSDs' own per-socket switch where it exists, else Linux's per-call flag.
        if (Sys.C.SO_NOSIGPIPE is { } noSigpipe)
        {
            client.SetInt(Sys.C.SOL_SOCKET, noSigpipe, 1).Expect("setsockopt(SO_NOSIGPIPE)");
            Observe("errno", client.Write(OneByte));
        }
        else
        {
            Observe("errno", client.Send(OneByte, Sys.C.MSG_NOSIGNAL!.Value));
        }

        Observe("sigpipe-raised", sigpipeRaised.Raised);
    }

    /// <summary>FAQ 2.1, 2.19 and 4.3, of a program that leaves SIGPIPE alone: the write that fails with EPIPE ends
    /// it. The .NET host ignores SIGPIPE, so the program is another one, `yes` (it writes until a write fails), spawned
    /// with its standard output on a connection the peer has closed and reset: once with SIGPIPE set to SIG_DFL before
    /// the exec, as 2.19 advises, and once inheriting the host's SIG_IGN, as 2.19 warns.</summary>
    [Claim("tcp.sigpipe-kills")]
    public void AProgramThatLeavesSigpipeAloneDiesOfIt()
    {
        if (!Sys.IsPosix)
        {
            throw Unsupported("Windows has no signals: a failed send() only returns its error");
        }

        var yes = SpawnedProgram.Find("yes") ?? throw Inconclusive("needs the yes program (coreutils) as the program that writes to the socket");
        Observe("sig-dfl", FateOf(yes, sigpipeDefault: true));
        Observe("inherited", FateOf(yes, sigpipeDefault: false));
    }

    private static string FateOf(string program, bool sigpipeDefault)
    {
        using var pair = BrokenConnection.AfterPeerClosedAndReset();
        return SpawnedProgram.Run(program, pair.Client.AsRaw(), sigpipeDefault, Wait.ExpectedMs);
    }
}
