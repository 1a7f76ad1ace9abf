using System.Reflection;
using System.Runtime.InteropServices;

namespace Conformance.Fixtures.Native.Posix;

/// <summary>The C library's socket, file and signal calls, bound once for Linux (glibc, musl), macOS and
/// FreeBSD. The signatures are the same everywhere; the structures and numbers are not (see Tables).</summary>
internal static unsafe partial class Libc
{
    private const string Lib = "libc";

    /// <summary>The POSIX thread calls: in libpthread.so.0 up to glibc 2.33 (Debian 11), in libc itself since
    /// 2.34 (where libpthread.so.0 remains as a stub that forwards to it), on musl and the BSDs.</summary>
    private const string Pthread = "libpthread";

    static Libc() => NativeLibrary.SetDllImportResolver(typeof(Libc).Assembly, Resolve);

    /// <summary>Forces the resolver to be installed before the first call (a static constructor of a class
    /// with only extern methods would not run otherwise).</summary>
    internal static void EnsureResolver()
    {
    }

    /// <summary>The C library as loaded for the imports, for the one function taken by address (a signal handler).</summary>
    internal static nint Handle => NativeLibrary.Load(Lib, typeof(Libc).Assembly, null);

    /// <summary>The one place that knows the C library's file name on each OS. "libc.so" is a linker script on
    /// glibc systems, so the real object is named; musl's is libc.musl-ARCH.so.1 (Alpine).</summary>
    internal static string[] Candidates(OsFamily os, bool pthread) => os switch
    {
        OsFamily.MacOS => ["/usr/lib/libSystem.B.dylib"],
        OsFamily.FreeBsd => ["libc.so.7"],
        _ when pthread => ["libpthread.so.0", .. Candidates(os, pthread: false)],
        _ => ["libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc.so"],
    };

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name is not (Lib or Pthread))
        {
            return 0;
        }

        var candidates = Candidates(OsFamilies.Current, pthread: name == Pthread);
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    [LibraryImport(Lib, SetLastError = true)] internal static partial int socket(int domain, int type, int protocol);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int bind(int fd, byte* address, uint length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int listen(int fd, int backlog);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int accept(int fd, byte* address, uint* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int connect(int fd, byte* address, uint length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint read(int fd, byte* buffer, nint count);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint write(int fd, byte* buffer, nint count);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint send(int fd, byte* buffer, nint count, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint recv(int fd, byte* buffer, nint count, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint sendto(int fd, byte* buffer, nint count, int flags, byte* address, uint length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint recvfrom(int fd, byte* buffer, nint count, int flags, byte* address, uint* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint recvmsg(int fd, byte* message, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int shutdown(int fd, int how);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int close(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int dup(int fd);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int setsockopt(int fd, int level, int name, byte* value, uint length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getsockopt(int fd, int level, int name, byte* value, uint* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getsockname(int fd, byte* address, uint* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getpeername(int fd, byte* address, uint* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int poll(byte* fds, nuint count, int timeoutMs);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int select(int nfds, byte* read, byte* write, byte* except, long* timeout);

    // fcntl() and ioctl() are variadic. System V x86-64 and Linux arm64 pass the variadic argument where a
    // named one would go; Apple arm64 passes it on the stack, which a ninth integer argument reaches
    // (x0-x7 hold the named ones and the padding).
    [LibraryImport(Lib, SetLastError = true)] internal static partial int fcntl(int fd, int command, nint argument);
    [LibraryImport(Lib, EntryPoint = "fcntl", SetLastError = true)] internal static partial int fcntl_stack(int fd, int command, nint x2, nint x3, nint x4, nint x5, nint x6, nint x7, nint argument);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int ioctl(int fd, nuint request, int* argument);
    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)] internal static partial int ioctl_stack(int fd, nuint request, nint x2, nint x3, nint x4, nint x5, nint x6, nint x7, int* argument);

    internal static bool VariadicOnStack { get; } =
        OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    // Signals, for SIGPIPE and EINTR. sigset_t is 128 bytes on Linux, 16 on FreeBSD and 4 on macOS:
    // callers pass a 128-byte buffer, which fits all three, and let libc fill it.
    internal const int SigsetBytes = 128;
    [LibraryImport(Lib, SetLastError = true)] internal static partial int sigemptyset(byte* set);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int sigaddset(byte* set, int signal);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int sigismember(byte* set, int signal);
    [LibraryImport(Pthread, SetLastError = true)] internal static partial int pthread_sigmask(int how, byte* set, byte* old);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int sigpending(byte* set);

    // kqueue(2), on macOS and FreeBSD only (bound at the first call, so never on Linux): a signal's sends are counted.
    [LibraryImport(Lib, SetLastError = true)] internal static partial int kqueue();
    [LibraryImport(Lib, SetLastError = true)] internal static partial int kevent(int kq, byte* changes, int nchanges, byte* events, int nevents, long* timeout);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int sigtimedwait(byte* set, byte* info, long* timeout);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int sigwait(byte* set, int* signal);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int sigaction(int signal, byte* action, byte* old);
    [LibraryImport(Pthread)] internal static partial nint pthread_self();
    [LibraryImport(Pthread)] internal static partial int pthread_kill(nint thread, int signal);

    // Processes and credentials.
    [LibraryImport(Lib)] internal static partial int getpid();
    [LibraryImport(Lib, SetLastError = true)] internal static partial int kill(int pid, int signal);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int waitpid(int pid, int* status, int options);

    // posix_spawn(3): a program started without fork() in a .NET process. Its attribute and file-action objects are
    // structs of 336 and 80 bytes in glibc and pointers on macOS and FreeBSD; callers pass 512-byte buffers.
    internal const int SpawnObjectBytes = 512;
    [LibraryImport(Lib)] internal static partial int posix_spawn(int* pid, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* fileActions, byte* attributes, nint* argv, nint* envp);
    [LibraryImport(Lib)] internal static partial int posix_spawn_file_actions_init(byte* fileActions);
    [LibraryImport(Lib)] internal static partial int posix_spawn_file_actions_destroy(byte* fileActions);
    [LibraryImport(Lib)] internal static partial int posix_spawn_file_actions_adddup2(byte* fileActions, int fd, int newFd);
    [LibraryImport(Lib)] internal static partial int posix_spawn_file_actions_addopen(byte* fileActions, int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);
    [LibraryImport(Lib)] internal static partial int posix_spawnattr_init(byte* attributes);
    [LibraryImport(Lib)] internal static partial int posix_spawnattr_destroy(byte* attributes);
    [LibraryImport(Lib)] internal static partial int posix_spawnattr_setflags(byte* attributes, short flags);
    [LibraryImport(Lib)] internal static partial int posix_spawnattr_setsigdefault(byte* attributes, byte* signals);
    [LibraryImport(Lib)] internal static partial int posix_spawnattr_setsigmask(byte* attributes, byte* signals);
    [LibraryImport(Lib)] internal static partial uint geteuid();
    [LibraryImport(Lib)] internal static partial uint umask(uint mask);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int uname(byte* name);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getrlimit(int resource, ulong* limit);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int setrlimit(int resource, ulong* limit);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint syscall(nint number, nint a1, nint a2, nint a3);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int unshare(int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int setns(int fd, int namespaceType);
    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] internal static partial int chroot(string path);

    // Settings by name (macOS, FreeBSD). Declared here with the rest, so the first call of a process that needs
    // nothing else (tcp.ephemeral-port run alone) still goes through the resolver above.
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int sysctlbyname(string name, void* value, nuint* length, void* newValue, nuint newLength);

    // Name services (FAQ 2.3, 3.1, 3.4).
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial nint getservbyname(string name, string protocol);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial nint gethostbyname(string name);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial uint inet_addr(string text);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int inet_pton(int family, string text, byte* destination);
}
