using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;

namespace Conformance.Fixtures.Peers;

/// <summary>A call that may block, made on a thread of its own so the scenario can see whether it blocked,
/// signal it while it does, and release it with an event of the peer's (data, a connection) after a bound.</summary>
public sealed class BlockedCall<T>
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _started = new();
    private readonly ManualResetEventSlim _done = new();
    private T? _result;
    private Exception? _failure;
    private int _threadId;

    private BlockedCall(Func<T> call) => _thread = new Thread(() =>
    {
        PosixThread = Sys.IsPosix ? PosixSignals.CurrentThread() : 0;
        _threadId = OperatingSystem.IsLinux() ? (int)ThreadIds.Current() : 0;
        _started.Set();
        try
        {
            _result = call();
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            _done.Set();
        }
    }) { IsBackground = true };

    /// <summary>The thread as pthread_kill() names it (POSIX only).</summary>
    public nint PosixThread { get; private set; }

    public static BlockedCall<T> Start(Func<T> call)
    {
        var blocked = new BlockedCall<T>(call);
        blocked._thread.Start();
        if (!blocked._started.Wait(Wait.ExpectedMs))
        {
            throw new ScenarioException("the thread for the blocking call never started");
        }

        return blocked;
    }

    /// <summary>Until the thread sleeps in the kernel: its state in /proc turns to "S" (Linux); elsewhere, where no
    /// event says a thread entered a system call, a short pause.</summary>
    public void WaitUntilInKernel()
    {
        var status = $"/proc/self/task/{_threadId}/stat";
        if (!OperatingSystem.IsLinux() || !File.Exists(status))
        {
            Thread.Sleep(200); // why: outside Linux no event says a thread entered a system call
            return;
        }

        if (!Wait.Until(() => _done.IsSet || File.ReadAllText(status).Split(") ")[1].StartsWith('S'), Wait.ExpectedMs, stepMs: 5))
        {
            throw new ScenarioException("the thread never blocked in its call");
        }
    }

    /// <summary>The call's result within <paramref name="limitMs"/>, with Blocked false; a call still blocked then
    /// is released by <paramref name="release"/>, and its result comes with Blocked true.</summary>
    public (T Result, bool Blocked) Within(int limitMs, Action release)
    {
        var blocked = !_done.Wait(limitMs);
        if (blocked)
        {
            release();
            if (!_done.Wait(Wait.ExpectedMs))
            {
                throw new ScenarioException($"the blocked call was still blocked {Wait.ExpectedMs} ms after it was released");
            }
        }

        return _failure is not null ? throw _failure : (_result!, blocked);
    }
}
