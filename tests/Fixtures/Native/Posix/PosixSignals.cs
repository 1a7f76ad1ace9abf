using System.Runtime.InteropServices;

namespace Conformance.Fixtures.Native.Posix;

/// <summary>Signals as FAQ 2.19, 2.21 and 2.22 speak of them. The .NET runtime ignores SIGPIPE, but a
/// signal that is blocked is never discarded as ignored (signal(7)): blocked on the calling thread, a
/// SIGPIPE raised by a failed write stays pending, where sigpending() sees it.</summary>
public static unsafe class PosixSignals
{
    /// <summary>Blocks <paramref name="signal"/> on this thread until disposed; on dispose any pending instance
    /// is consumed and the old mask restored, so the next claim starts clean.</summary>
    public static IDisposable Block(int signal)
    {
        var set = stackalloc byte[Libc.SigsetBytes];
        Only(set, signal);
        var old = new byte[Libc.SigsetBytes];
        fixed (byte* o = old)
        {
            CheckReturned(Libc.pthread_sigmask(Sys.C.SIG_BLOCK!.Value, set, o), "pthread_sigmask(SIG_BLOCK)");
        }

        return new Restore(signal, old);
    }

    public static bool IsPending(int signal)
    {
        var set = stackalloc byte[Libc.SigsetBytes];
        Check(Libc.sigemptyset(set), "sigemptyset");
        Check(Libc.sigpending(set), "sigpending");
        return Libc.sigismember(set, signal) == 1;
    }

    /// <summary>Takes a pending, blocked <paramref name="signal"/> off the queue without delivering it.</summary>
    public static void Consume(int signal)
    {
        if (!IsPending(signal))
        {
            return;
        }

        var set = stackalloc byte[Libc.SigsetBytes];
        Only(set, signal);
        if (OperatingSystem.IsMacOS())
        {
            int taken; // macOS has no sigtimedwait; sigwait returns at once because the signal is pending
            Libc.sigwait(set, &taken);
        }
        else
        {
            var zero = stackalloc long[2];
            Libc.sigtimedwait(set, null, zero);
        }
    }

    /// <summary>Installs libc's umask() as the handler of <paramref name="signal"/>, with or without SA_RESTART:
    /// called with the signal number, it sets the process's file mode mask to that number, so the scenario can
    /// see that the handler ran (see <see cref="HandlerRan"/>) without native code of its own; umask() is
    /// async-signal-safe. Disposing restores the old disposition and the old mask.</summary>
    public static IDisposable CatchWithUmask(int signal, bool restart)
    {
        var handler = NativeLibrary.GetExport(Libc.Handle, "umask");
        var action = SigactionLayout.Build(handler, restart ? Sys.C.SA_RESTART!.Value : 0);
        var mask = Libc.umask(NotASignal);
        var old = new byte[SigactionLayout.Size];
        fixed (byte* a = action)
        fixed (byte* o = old)
        {
            Check(Libc.sigaction(signal, a, o), "sigaction");
        }

        return new Callback(() =>
        {
            fixed (byte* o = old)
            {
                Libc.sigaction(signal, o, null);
            }

            Libc.umask(mask);
        });
    }

    /// <summary>A file mode mask no signal number equals (0o700), set while <see cref="CatchWithUmask"/> is in force.</summary>
    private const uint NotASignal = 0x1C0;

    /// <summary>True once the umask handler has run for <paramref name="signal"/>: the mask then is the signal
    /// number. Reading the mask means setting it, and it is set to <see cref="NotASignal"/> only, never put back:
    /// a put-back would race the handler (read, handler writes, put-back erases the write), which gVisor's slow
    /// system calls made visible. Until the handler runs the mask already is NotASignal, so the read changes
    /// nothing; after it ran, the caller stops asking and disposing restores the process's own mask.</summary>
    public static bool HandlerRan(int signal) =>
        (Libc.umask(NotASignal) & 0xFFF) == (uint)signal; // mode_t is 16 bits on macOS, 32 elsewhere

    /// <summary>The calling thread, as pthread_kill() names it.</summary>
    public static nint CurrentThread() => Libc.pthread_self();

    public static void Send(nint thread, int signal) => CheckReturned(Libc.pthread_kill(thread, signal), "pthread_kill");

    private static void Only(byte* set, int signal)
    {
        Check(Libc.sigemptyset(set), "sigemptyset");
        Check(Libc.sigaddset(set, signal), "sigaddset");
    }

    /// <summary>The pthread calls return their error number instead of setting errno (POSIX, pthread_kill(3)).</summary>
    internal static void CheckReturned(int result, string call)
    {
        if (result != 0)
        {
            throw new ScenarioException($"{call} failed with {Sys.Errno.FromNative(result)}");
        }
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new ScenarioException($"{call} failed with {Sys.Errno.FromNative(Marshal.GetLastPInvokeError())}");
        }
    }

    private sealed class Restore(int signal, byte[] old) : IDisposable
    {
        public void Dispose()
        {
            Consume(signal);
            fixed (byte* o = old)
            {
                CheckReturned(Libc.pthread_sigmask(Sys.C.SIG_BLOCK!.Value + 2, o, null), "pthread_sigmask(SIG_SETMASK)"); // SIG_SETMASK is SIG_BLOCK + 2 on Linux and BSD
            }
        }
    }

    private sealed class Callback(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>struct sigaction as sigaction(2) takes it. Linux (glibc and musl): handler, 128-byte mask,
/// int flags, restorer. macOS: handler, 4-byte mask, int flags. FreeBSD: handler, int flags, 16-byte mask.</summary>
public static class SigactionLayout
{
    public static int Size => 152;

    public static byte[] Build(nint handler, int flags)
    {
        var bytes = new byte[Size];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), (long)handler);
        var flagsOffset = FlagsOffset(Sys.Os);
        BitConverter.TryWriteBytes(bytes.AsSpan(flagsOffset), flags);
        return bytes;
    }

    /// <summary>Where sa_flags sits (the mask is left empty: all zero bits).</summary>
    public static int FlagsOffset(OsFamily os) => os switch
    {
        OsFamily.Linux => 8 + 128,
        OsFamily.MacOS => 8 + 4,
        OsFamily.FreeBsd => 8,
        _ => throw new PlatformNotSupportedException("Windows has no sigaction"),
    };
}

/// <summary>The kernel's id of the calling thread (Linux gettid), to find it under /proc/self/task.</summary>
public static class ThreadIds
{
    public static long Current() => Libc.syscall(
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? 178 : 186, 0, 0, 0);
}
