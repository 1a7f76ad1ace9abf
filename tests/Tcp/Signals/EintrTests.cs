using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.Signals;

/// <summary>FAQ 2.21: a blocking call interrupted by a caught signal fails with EINTR, unless the handler
/// asked for SA_RESTART. SIGUSR2 is one the .NET runtime leaves alone.</summary>
public sealed class EintrTests : ClaimTest
{
    [Claim("tcp.eintr")]
    public void ABlockingRecvInterruptedByACaughtSignalFailsWithEintr()
    {
        var sigusr2 = Sys.C.SIGUSR2 ?? throw Unsupported("Windows has no signals to interrupt a call with");
        Observe("recv", RecvInterruptedBy(sigusr2, restart: false));
        Observe("recv-restart", RecvInterruptedBy(sigusr2, restart: true));
    }

    private static string RecvInterruptedBy(int signal, bool restart)
    {
        using var pair = TcpPair.Connect();
        using var handler = PosixSignals.CatchWithoutEffect(signal, restart);
        var blocked = BlockedCall.Start(() => pair.Client.Recv(16).ToString());

        blocked.WaitUntilInKernel();
        PosixSignals.Send(blocked.PosixThread, signal);
        if (restart)
        {
            // A restarted recv() keeps waiting; data ends it. Give the signal a moment to be taken first.
            Thread.Sleep(100); // why: a handler that does nothing leaves no event to poll on

            Peer.Send(pair.Server, [7]);
        }

        return blocked.Result(pair.Server);
    }

    /// <summary>A call made on a thread of its own, so the scenario can signal it while it blocks.</summary>
    private sealed class BlockedCall
    {
        private readonly Thread _thread;
        private readonly ManualResetEventSlim _started = new();
        private string? _result;

        private BlockedCall(Func<string> call) => _thread = new Thread(() =>
        {
            PosixThread = PosixSignals.CurrentThread();
            ThreadId = Gettid();
            _started.Set();
            _result = call();
        }) { IsBackground = true };

        public nint PosixThread { get; private set; }

        private int ThreadId { get; set; }

        public static BlockedCall Start(Func<string> call)
        {
            var blocked = new BlockedCall(call);
            blocked._thread.Start();
            blocked._started.Wait(Wait.ExpectedMs);
            return blocked;
        }

        /// <summary>Until the thread sleeps in the kernel: its state in /proc turns to "S" (Linux); elsewhere
        /// a short pause.</summary>
        public void WaitUntilInKernel()
        {
            var status = $"/proc/self/task/{ThreadId}/stat";
            if (!OperatingSystem.IsLinux() || !File.Exists(status))
            {
                Thread.Sleep(200); // why: outside Linux no event says a thread entered a system call
                return;
            }

            if (!Wait.Until(() => File.ReadAllText(status).Split(") ")[1].StartsWith('S'), Wait.ExpectedMs, stepMs: 5))
            {
                throw new ScenarioException("the receiving thread never blocked in recv()");
            }
        }

        /// <summary>The call's result; a call still blocked at the bound is released by data from the peer.</summary>
        public string Result(RawSocket peer)
        {
            if (!_thread.Join(Wait.ExpectedMs))
            {
                Peer.Send(peer, [0]);
                _thread.Join(Wait.ExpectedMs);
                return "blocked";
            }

            return _result ?? "none";
        }

        private static int Gettid() => OperatingSystem.IsLinux() ? (int)Fixtures.Native.Posix.ThreadIds.Current() : 0;
    }
}
