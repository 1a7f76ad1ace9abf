using System.Reflection;
using System.Runtime.InteropServices;
using Conformance.Fixtures.Native;

namespace Conformance.Harness.Tests.Native;

/// <summary>Every native import, checked against the export tables of the libraries it binds: a misspelt
/// entry point or one a platform lacks fails here, on any machine, rather than on a runner of that OS.</summary>
public sealed class BindingTableTests
{
    // ws2_32.dll exports (winsock2.h, Microsoft Learn "Winsock functions").
    private static readonly HashSet<string> Winsock =
    [
        "WSAStartup", "socket", "bind", "listen", "accept", "connect", "send", "recv", "sendto", "recvfrom", "shutdown",
        "closesocket", "setsockopt", "getsockopt", "getsockname", "getpeername", "ioctlsocket", "WSAPoll", "WSAIoctl", "select",
    ];

    // The C library calls, and where each family has them: POSIX.1-2017 everywhere, except as noted.
    private static readonly Dictionary<string, string[]> Libc = new()
    {
        ["socket"] = ["linux", "macos", "freebsd"], ["bind"] = ["linux", "macos", "freebsd"], ["listen"] = ["linux", "macos", "freebsd"],
        ["accept"] = ["linux", "macos", "freebsd"], ["connect"] = ["linux", "macos", "freebsd"], ["read"] = ["linux", "macos", "freebsd"],
        ["write"] = ["linux", "macos", "freebsd"], ["send"] = ["linux", "macos", "freebsd"], ["recv"] = ["linux", "macos", "freebsd"],
        ["sendto"] = ["linux", "macos", "freebsd"], ["recvfrom"] = ["linux", "macos", "freebsd"], ["recvmsg"] = ["linux", "macos", "freebsd"],
        ["shutdown"] = ["linux", "macos", "freebsd"], ["close"] = ["linux", "macos", "freebsd"], ["dup"] = ["linux", "macos", "freebsd"],
        ["setsockopt"] = ["linux", "macos", "freebsd"], ["getsockopt"] = ["linux", "macos", "freebsd"], ["getsockname"] = ["linux", "macos", "freebsd"],
        ["getpeername"] = ["linux", "macos", "freebsd"], ["poll"] = ["linux", "macos", "freebsd"], ["select"] = ["linux", "macos", "freebsd"],
        ["fcntl"] = ["linux", "macos", "freebsd"], ["ioctl"] = ["linux", "macos", "freebsd"],
        ["sigemptyset"] = ["linux", "macos", "freebsd"], ["sigaddset"] = ["linux", "macos", "freebsd"], ["sigismember"] = ["linux", "macos", "freebsd"],
        ["pthread_sigmask"] = ["linux", "macos", "freebsd"], ["sigpending"] = ["linux", "macos", "freebsd"],
        ["sigtimedwait"] = ["linux", "freebsd"], // macOS has none: PosixSignals.Consume uses sigwait there
        ["sigwait"] = ["linux", "macos", "freebsd"], ["sigaction"] = ["linux", "macos", "freebsd"],
        ["pthread_self"] = ["linux", "macos", "freebsd"], ["pthread_kill"] = ["linux", "macos", "freebsd"],
        ["geteuid"] = ["linux", "macos", "freebsd"], ["uname"] = ["linux", "macos", "freebsd"], ["umask"] = ["linux", "macos", "freebsd"], ["getrlimit"] = ["linux", "macos", "freebsd"], ["setrlimit"] = ["linux", "macos", "freebsd"],
        ["syscall"] = ["linux"], ["unshare"] = ["linux"], ["setns"] = ["linux"], ["chroot"] = ["linux", "macos", "freebsd"],
        ["getservbyname"] = ["linux", "macos", "freebsd"], ["gethostbyname"] = ["linux", "macos", "freebsd"],
        ["inet_addr"] = ["linux", "macos", "freebsd"], ["inet_pton"] = ["linux", "macos", "freebsd"],
        ["sysctlbyname"] = ["macos", "freebsd"],
        ["kqueue"] = ["macos", "freebsd"], ["kevent"] = ["macos", "freebsd"], // RaisedSignal's count of a sent signal
        ["getpid"] = ["linux", "macos", "freebsd"], ["kill"] = ["linux", "macos", "freebsd"], ["waitpid"] = ["linux", "macos", "freebsd"],
        ["posix_spawn"] = ["linux", "macos", "freebsd"], ["posix_spawn_file_actions_init"] = ["linux", "macos", "freebsd"],
        ["posix_spawn_file_actions_destroy"] = ["linux", "macos", "freebsd"], ["posix_spawn_file_actions_adddup2"] = ["linux", "macos", "freebsd"],
        ["posix_spawn_file_actions_addopen"] = ["linux", "macos", "freebsd"], ["posix_spawnattr_init"] = ["linux", "macos", "freebsd"],
        ["posix_spawnattr_destroy"] = ["linux", "macos", "freebsd"], ["posix_spawnattr_setflags"] = ["linux", "macos", "freebsd"],
        ["posix_spawnattr_setsigdefault"] = ["linux", "macos", "freebsd"], ["posix_spawnattr_setsigmask"] = ["linux", "macos", "freebsd"],
    };

    private static IEnumerable<(Type Type, MethodInfo Method, string EntryPoint, string Library)> Imports() =>
        typeof(RawSocket).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly).Select(m => (t, m)))
            .Select(p => (p.t, p.m, Attribute: p.m.GetCustomAttribute<LibraryImportAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.t, p.m, p.Attribute!.EntryPoint ?? p.m.Name, p.Attribute.LibraryName));

    [Test]
    public void EveryWinsockImportIsAWs2_32Export() =>
        Assert.That(Imports().Where(i => i.Library == "ws2_32.dll" && !Winsock.Contains(i.EntryPoint)).Select(i => i.EntryPoint), Is.Empty);

    [Test]
    public void EveryLibcImportIsInTheTableOfTheFamiliesThatHaveIt() =>
        Assert.That(Imports().Where(i => i.Library != "ws2_32.dll" && !Libc.ContainsKey(i.EntryPoint)).Select(i => $"{i.Type.Name}.{i.Method.Name} -> {i.EntryPoint}"), Is.Empty);

    /// <summary>"libc" is no file name on any system (glibc's libc.so is a linker script, FreeBSD's is libc.so.7):
    /// only the resolver Libc installs in its static constructor finds it. An import declared in another class
    /// could be the first call of a process, before that constructor ran, and fail with DllNotFoundException.</summary>
    [Test]
    public void EveryCLibraryImportIsDeclaredWhereTheResolverIsInstalled() =>
        Assert.That(Imports().Where(i => i.Library != "ws2_32.dll" && i.Type.Name != "Libc").Select(i => $"{i.Type.Name}.{i.Method.Name}"), Is.Empty);

    [Test]
    public void EveryImportOfThisMachineResolves()
    {
        var family = OsFamilies.Current.Id();
        var missing = new List<string>();
        foreach (var import in Imports().Where(i => i.Library != "ws2_32.dll" && Libc.GetValueOrDefault(i.EntryPoint)?.Contains(family) == true))
        {
            try
            {
                Marshal.Prelink(import.Method);
            }
            catch (EntryPointNotFoundException)
            {
                missing.Add(import.EntryPoint);
            }
        }

        Assert.That(missing, Is.Empty, $"entry points this {family} machine's C library lacks");
    }
}
