namespace Conformance.Fixtures.Native.Posix;

/// <summary>Whether the kernel raised a signal for this process while the watch was on, whatever the process does with
/// it: FAQ 2.19's SIGPIPE is raised by the write and then ignored by the .NET runtime, so "raised" cannot be read off
/// the signal's delivery. Each kernel is asked the way it keeps the record: Linux (and gVisor) keep a signal the
/// thread blocks pending even while it is ignored (signal(7)), so sigpending() shows it; FreeBSD and XNU discard an
/// ignored signal when it is sent, blocked or not, but first count it on every kqueue EVFILT_SIGNAL filter ("The
/// filter will record all attempts to deliver a signal to a process, even if the signal has been marked as SIG_IGN",
/// kqueue(2) on both).</summary>
public static class RaisedSignal
{
    public static IRaisedSignal Watch(int signal) => OsFamilies.Current switch
    {
        OsFamily.MacOS or OsFamily.FreeBsd => new KqueueWatch(signal),
        _ => new PendingWatch(signal),
    };

    private sealed class PendingWatch(int signal) : IRaisedSignal
    {
        private readonly IDisposable _blocked = PosixSignals.Block(signal);

        public bool Raised => PosixSignals.IsPending(signal);

        public void Dispose() => _blocked.Dispose();
    }

    /// <summary>A kqueue with one EVFILT_SIGNAL filter; polled with a zero timeout, its event's data is how many times
    /// the signal was sent since the filter was added.</summary>
    private sealed unsafe class KqueueWatch : IRaisedSignal
    {
        private const short EvfiltSignal = -6; // EVFILT_SIGNAL, the same on FreeBSD and XNU
        private const ushort EvAdd = 0x0001;
        private const ushort EvClear = 0x0020;

        private readonly int _kq;

        public KqueueWatch(int signal)
        {
            _kq = Libc.kqueue();
            if (_kq < 0)
            {
                throw new ScenarioException($"kqueue() failed with {Sys.Errno.FromNative(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
            }

            var change = stackalloc byte[KeventSize];
            Fill(change, signal, EvAdd | EvClear);
            var zero = stackalloc long[2];
            if (Libc.kevent(_kq, change, 1, null, 0, zero) < 0)
            {
                var error = Sys.Errno.FromNative(System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
                Libc.close(_kq);
                throw new ScenarioException($"kevent(EV_ADD, EVFILT_SIGNAL) failed with {error}");
            }
        }

        /// <summary>struct kevent: ident, filter, flags, fflags, data, udata at the same offsets on both; FreeBSD 12 and
        /// later append ext[4] (64 bytes in all, the default kevent@@FBSD_1.5 that dlsym finds), XNU does not (32).</summary>
        private static int KeventSize => OsFamilies.Current == OsFamily.FreeBsd ? 64 : 32;

        public bool Raised
        {
            get
            {
                var events = stackalloc byte[KeventSize];
                var zero = stackalloc long[2];
                var count = Libc.kevent(_kq, null, 0, events, 1, zero);
                return count > 0 && *(long*)(events + 16) > 0;
            }
        }

        public void Dispose() => Libc.close(_kq);

        private static void Fill(byte* kevent, int signal, ushort flags)
        {
            new Span<byte>(kevent, KeventSize).Clear();
            *(ulong*)kevent = (ulong)signal;
            *(short*)(kevent + 8) = EvfiltSignal;
            *(ushort*)(kevent + 10) = flags;
        }
    }
}

/// <summary>A watch on one signal: <see cref="Raised"/> says whether the kernel has sent it since the watch began.</summary>
public interface IRaisedSignal : IDisposable
{
    bool Raised { get; }
}
