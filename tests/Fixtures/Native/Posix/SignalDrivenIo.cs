using System.Runtime.InteropServices;

namespace Conformance.Fixtures.Native.Posix;

/// <summary>FAQ 2.9's signal-driven I/O: a socket with an owner and the O_ASYNC flag, whose arrivals the kernel announces
/// with SIGIO. On Linux the owner is the calling thread (F_SETOWN_EX with F_OWNER_TID), not the process: SIGIO's default
/// action there ends the process, and a signal sent to the process may go to any .NET thread that does not block it;
/// the scenario blocks it on its own thread (<see cref="RaisedSignal"/>). The BSDs discard SIGIO by default, and their
/// F_SETOWN names the process.</summary>
public static unsafe class SignalDrivenIo
{
    private const int LinuxSetOwnerEx = 15; // F_SETOWN_EX (include/uapi/asm-generic/fcntl.h)
    private const int OwnerThread = 0; // F_OWNER_TID

    public static void Enable(RawSocket socket)
    {
        if (Sys.Os == OsFamily.Linux)
        {
            var owner = stackalloc int[2] { OwnerThread, (int)ThreadIds.Current() }; // struct f_owner_ex { int type; pid_t pid; }
            if (Libc.fcntl((int)socket.Handle, LinuxSetOwnerEx, (nint)owner) != 0)
            {
                throw new ScenarioException($"fcntl(F_SETOWN_EX) failed with {Sys.Errno.FromNative(Marshal.GetLastPInvokeError())}");
            }
        }
        else
        {
            socket.Fcntl(Sys.C.F_SETOWN!.Value, Libc.getpid()).Expect("fcntl(F_SETOWN)");
        }

        var flags = (int)socket.Fcntl(Sys.C.F_GETFL!.Value).Expect("fcntl(F_GETFL)");
        socket.Fcntl(Sys.C.F_SETFL!.Value, flags | Sys.C.O_ASYNC!.Value).Expect("fcntl(F_SETFL, O_ASYNC)");
    }
}
