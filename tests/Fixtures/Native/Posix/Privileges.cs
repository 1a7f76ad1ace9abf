using System.Runtime.InteropServices;

namespace Conformance.Fixtures.Native.Posix;

/// <summary>Runs part of a scenario as an unprivileged or confined process would, without a second binary.
/// On Linux credentials and the filesystem root are per thread in the kernel; glibc's setresuid() makes
/// every thread follow, but the raw system call changes only the caller. So a dedicated thread drops to
/// nobody (losing its capabilities, as a non-root process has none) or chroots into its own filesystem
/// context (after unshare(CLONE_FS)), does the one call the claim is about, and ends. The rest of the
/// process is untouched. This works in a minimal container with no setpriv and no extra executable.</summary>
public static class Privileges
{
    public const int Nobody = 65534;
    private const int CloneFs = 0x200;

    public static bool IsRoot => Sys.IsPosix && Libc.geteuid() == 0;

    /// <summary>Can this process run code as a non-root user here? True when it is not root already, or
    /// when it is root on Linux (where a thread can drop privileges alone).</summary>
    public static bool CanRunUnprivileged => Sys.IsPosix && (!IsRoot || OperatingSystem.IsLinux());

    public static T AsNobody<T>(Func<T> action) => !IsRoot ? action() : OnOwnThread(() =>
    {
        var (setresgid, setresuid) = SetresNumbers();
        Check(Libc.syscall(setresgid, Nobody, Nobody, Nobody), "setresgid(nobody)");
        Check(Libc.syscall(setresuid, Nobody, Nobody, Nobody), "setresuid(nobody)");
        return action();
    });

    /// <summary>Runs <paramref name="action"/> on a thread whose root is <paramref name="directory"/> (needs root on Linux).</summary>
    public static T InChroot<T>(string directory, Func<T> action) => OnOwnThread(() =>
    {
        if (Libc.unshare(CloneFs) != 0)
        {
            // A container's seccomp profile refuses unshare() without CAP_SYS_ADMIN: no thread of ours can be confined.
            var error = Sys.Errno.FromNative(Marshal.GetLastPInvokeError());
            throw new Claims.ClaimNotObservedException(Verdict.Inconclusive,
                $"unshare(CLONE_FS) is refused here ({error}), so no thread can chroot alone; a container's seccomp profile does this");
        }

        Check(Libc.chroot(directory), $"chroot({directory})");
        return action();
    });

    private static T OnOwnThread<T>(Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(10)))
        {
            throw new ScenarioException("the confined thread did not finish within 10 s");
        }

        return failure is null ? result : throw failure;
    }

    /// <summary>System call numbers of setresgid and setresuid (arch/x86/entry/syscalls/syscall_64.tbl,
    /// include/uapi/asm-generic/unistd.h for arm64).</summary>
    private static (nint Setresgid, nint Setresuid) SetresNumbers() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (119, 117),
        Architecture.Arm64 => (149, 147),
        var other => throw new ScenarioException($"no setresuid system call number known for {other}"),
    };

    private static void Check(nint result, string call)
    {
        if (result != 0)
        {
            throw new ScenarioException($"{call} failed with {Sys.Errno.FromNative(Marshal.GetLastPInvokeError())}");
        }
    }
}
