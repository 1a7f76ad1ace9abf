using System.Runtime.InteropServices;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;

namespace Conformance.Fixtures.Peers;

/// <summary>A program that is not .NET, started with posix_spawn() (a .NET process must not fork()) with its standard
/// output on a socket, as FAQ 2.19 has it: "exec() another program with stdout redirected to a socket". The child
/// starts with no signal blocked and its standard error on /dev/null; its SIGPIPE is the parent's (ignored, in a .NET
/// process) unless reset to SIG_DFL on the way in, which posix_spawn's SETSIGDEF does between fork and exec.</summary>
public static unsafe class SpawnedProgram
{
    /// <summary>The program's path, or null where it is not installed.</summary>
    public static string? Find(string name) =>
        new[] { "/usr/bin", "/bin", "/usr/local/bin" }.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>How the program ended within <paramref name="limitMs"/>: "exit N" or "killed by SIGNAME"; a program still
    /// running then is killed and reported as "running".</summary>
    public static string Run(string path, RawSocket stdout, bool sigpipeDefault, int limitMs)
    {
        var actions = stackalloc byte[Libc.SpawnObjectBytes];
        var attributes = stackalloc byte[Libc.SpawnObjectBytes];
        Check(Libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        Check(Libc.posix_spawnattr_init(attributes), "posix_spawnattr_init");
        var argv = stackalloc nint[2] { Marshal.StringToCoTaskMemUTF8(Path.GetFileName(path)), 0 };
        var envp = stackalloc nint[1] { 0 };
        try
        {
            Check(Libc.posix_spawn_file_actions_adddup2(actions, (int)stdout.Handle, 1), "posix_spawn_file_actions_adddup2");
            Check(Libc.posix_spawn_file_actions_addopen(actions, 2, "/dev/null", 1 /* O_WRONLY */, 0), "posix_spawn_file_actions_addopen");
            var none = stackalloc byte[Libc.SigsetBytes];
            var sigpipe = stackalloc byte[Libc.SigsetBytes];
            Check(Libc.sigemptyset(none), "sigemptyset");
            Check(Libc.sigemptyset(sigpipe), "sigemptyset");
            Check(Libc.sigaddset(sigpipe, Sys.C.SIGPIPE!.Value), "sigaddset");
            Check(Libc.posix_spawnattr_setsigmask(attributes, none), "posix_spawnattr_setsigmask");
            Check(Libc.posix_spawnattr_setsigdefault(attributes, sigpipe), "posix_spawnattr_setsigdefault");
            var (setSigdef, setSigmask) = Flags;
            Check(Libc.posix_spawnattr_setflags(attributes, (short)(setSigmask | (sigpipeDefault ? setSigdef : 0))), "posix_spawnattr_setflags");

            int pid;
            Check(Libc.posix_spawn(&pid, path, actions, attributes, argv, envp), $"posix_spawn({path})");
            return Fate(pid, limitMs);
        }
        finally
        {
            Marshal.FreeCoTaskMem(argv[0]);
            Libc.posix_spawn_file_actions_destroy(actions);
            Libc.posix_spawnattr_destroy(attributes);
        }
    }

    /// <summary>POSIX_SPAWN_SETSIGDEF and POSIX_SPAWN_SETSIGMASK: 0x04 and 0x08 in glibc's and XNU's spawn.h, 0x10 and 0x20 in FreeBSD's.</summary>
    private static (int SetSigdef, int SetSigmask) Flags => Sys.Os == OsFamily.FreeBsd ? (0x10, 0x20) : (0x04, 0x08);

    private static string Fate(int pid, int limitMs)
    {
        const int noHang = 1; // WNOHANG, the same on Linux and the BSDs
        int status = 0;
        if (!Wait.Until(() => { int s; var done = Libc.waitpid(pid, &s, noHang) == pid; status = s; return done; }, limitMs, stepMs: 5))
        {
            Libc.kill(pid, 9);
            Libc.waitpid(pid, null, 0);
            return "running";
        }

        // The wait status's layout is the same everywhere: the low seven bits are the signal that ended it, else 0
        // and the exit code in the next byte.
        var signal = status & 0x7f;
        return signal == 0 ? $"exit {(status >> 8) & 0xff}" : $"killed by {SignalName(signal)}";
    }

    private static string SignalName(int signal) => signal == Sys.C.SIGPIPE ? "SIGPIPE" : $"signal {signal}";

    /// <summary>The posix_spawn calls return their error number instead of setting errno.</summary>
    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new ScenarioException($"{call} failed with {Sys.Errno.FromNative(result)}");
        }
    }
}
