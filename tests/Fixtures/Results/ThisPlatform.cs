using System.Globalization;
using System.Runtime.InteropServices;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Results;

/// <summary>The platform block of this process: what runs the claims, detected once (uname(2), os-release(5),
/// the C library, Wine's ntdll, and what a runner declares in the environment).</summary>
public static class ThisPlatform
{
    /// <summary>os-release(5), read once (empty where there is none); declared first, as Info's detection reads it.</summary>
    private static readonly Dictionary<string, string> Release = OsRelease.Read("/etc/os-release");

    public static PlatformInfo Info { get; } = Detect();

    /// <summary>The column this process's results show as, unless the runner that started it declares another (a
    /// container, a guest): a native column headed by the OS and its release, or Wine's.
    /// The note says how the run's test processes ran, where the workers' script said (side by side in network
    /// namespaces, or one after another and why).
    /// Wine is known by its own ntdll export (wine_get_version), as the platform is, never by the id's spelling.</summary>
    public static ColumnInfo Column { get; } = OsFamilies.Current == OsFamily.Windows && WineVersion() is { } wine
        ? ColumnInfo.Of(ColumnKinds.Wine, $"Wine {wine}")
        : ColumnInfo.Of(ColumnKinds.Native, NativeLabel(Info), RunContract.Value(RunContract.RunMode));

    /// <summary>"debian 12", "macOS 15", "Windows 26100", "FreeBSD 14": the OS and the release its id names.</summary>
    private static string NativeLabel(PlatformInfo platform) => OsFamilies.Current switch
    {
        OsFamily.Linux => $"{DistroId} {DistroVersion}",
        OsFamily.MacOS => $"macOS {Environment.OSVersion.Version.Major}",
        OsFamily.FreeBsd => $"FreeBSD {platform.OsVersion.Split('.')[0]}",
        _ => $"Windows {Environment.OSVersion.Version.Build}",
    };

    private static string DistroId => Release.GetValueOrDefault("ID", "linux");

    private static string DistroVersion => Release.GetValueOrDefault("VERSION_ID") ?? Release.GetValueOrDefault("VERSION_CODENAME") ?? "rolling";

    private static PlatformInfo Detect()
    {
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var runtime = RuntimeInformation.FrameworkDescription;
        var user = Environment.UserName;
        return OsFamilies.Current switch
        {
            OsFamily.Linux => Linux(arch, runtime, user),
            OsFamily.MacOS => new PlatformInfo
            {
                Id = $"macos-{Environment.OSVersion.Version.Major}-{arch}",
                Os = "macos",
                OsVersion = Environment.OSVersion.Version.ToString(),
                Distro = $"macOS {Environment.OSVersion.Version}",
                Libc = "libSystem",
                Runtime = runtime,
                Arch = arch,
                User = user,
            },
            OsFamily.FreeBsd => FreeBsd(arch, runtime, user),
            _ when WineVersion() is { } wine => new PlatformInfo
            {
                // Wine answers Winsock calls with Linux sockets: its results are Wine's, never a Windows column.
                Id = $"wine-{wine}-{arch}",
                Os = "windows",
                OsVersion = Environment.OSVersion.Version.ToString(),
                Distro = $"Wine {wine} (Windows API on Linux)",
                Libc = "ws2_32 (Wine)",
                Runtime = runtime,
                Arch = arch,
                Container = null,
                User = user,
            },
            _ => new PlatformInfo
            {
                Id = $"windows-{Environment.OSVersion.Version.Build}-{arch}",
                Os = "windows",
                OsVersion = Environment.OSVersion.Version.ToString(),
                Distro = RuntimeInformation.OSDescription.Trim(),
                Libc = "ws2_32",
                Runtime = runtime,
                Arch = arch,
                User = user,
            },
        };
    }

    /// <summary>The kernel release, as uname(2) reports it (gVisor's /proc has no sys/kernel/osrelease).</summary>
    private static string KernelRelease() => Native.Posix.Uname.Release();

    /// <summary>Wine's version when this Windows process runs under Wine (ntdll exports wine_get_version).</summary>
    private static string? WineVersion()
    {
        if (!NativeLibrary.TryLoad("ntdll.dll", out var ntdll) || !NativeLibrary.TryGetExport(ntdll, "wine_get_version", out var fn))
        {
            return null;
        }

        unsafe
        {
            return Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)fn)());
        }
    }

    private static PlatformInfo Linux(string arch, string runtime, string user)
    {
        var container = DetectContainer();
        // A runner that boots its own kernel names the column by it (linux-kernel-6.1-x64-vm).
        var declared = RunContract.Value(RunContract.PlatformId);
        return new PlatformInfo
        {
            Id = declared is { Length: > 0 } ? declared : $"linux-{DistroId}-{DistroVersion}-{arch}{(container is null ? "" : "-container")}",
            Os = "linux",
            OsVersion = KernelRelease(),
            Distro = Release.GetValueOrDefault("PRETTY_NAME"),
            Libc = LibcVersion(),
            Runtime = runtime,
            Arch = arch,
            Container = container,
            OciRuntime = RunContract.Value(RunContract.OciRuntime),
            User = user,
        };
    }

    private static PlatformInfo FreeBsd(string arch, string runtime, string user)
    {
        // OSDescription is "FreeBSD 14.1-RELEASE ..."; the release is the second word.
        var words = RuntimeInformation.OSDescription.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var release = words.Length > 1 ? words[1] : "0";
        var major = release.Split('.')[0];
        return new PlatformInfo
        {
            Id = $"freebsd-{major}-{arch}",
            Os = "freebsd",
            OsVersion = release,
            Distro = $"FreeBSD {release}",
            Libc = "FreeBSD libc",
            Runtime = runtime,
            Arch = arch,
            User = user,
        };
    }

    /// <summary>The container runtime, as declared by the runner that started the container. Not guessed from
    /// /.dockerenv: machines built from a Docker image keep that file without being containers (this
    /// project's own VM does), and a guess would give the host column the id of a container column.</summary>
    private static string? DetectContainer() =>
        RunContract.Value(RunContract.Container);

    private static string? LibcVersion()
    {
        if (NativeLibrary.TryLoad("libc.so.6", out var glibc) && NativeLibrary.TryGetExport(glibc, "gnu_get_libc_version", out var fn))
        {
            unsafe
            {
                var version = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)fn)());
                return $"glibc {version}";
            }
        }

        return Directory.Exists("/lib") && Directory.EnumerateFiles("/lib", "ld-musl-*.so.1").Any() ? "musl" : null;
    }
}

/// <summary>os-release(5): KEY=value lines, values optionally quoted.</summary>
public static class OsRelease
{
    public static Dictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>();
        if (!File.Exists(path))
        {
            return values;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || line.StartsWith('#'))
            {
                continue;
            }

            values[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"', '\'');
        }

        return values;
    }
}

/// <summary>Round numbers that are protocol constants, so noise does not reach an observation.</summary>
public static class Rounding
{
    /// <summary>The step at or below <paramref name="value"/>: for a timer that may only fire late.</summary>
    public static string Down(double value, double step) =>
        (Math.Floor(value / step) * step).ToString(CultureInfo.InvariantCulture);

    /// <summary>A kernel timer's length in whole <paramref name="step"/>s, seen from user space: it may end up to a
    /// clock tick early (it counts whole ticks from a tick already begun; 10 ms at the coarsest HZ) and late by any
    /// scheduling delay, which on a loaded machine (guests emulated beside it) was seen past a quarter second.</summary>
    public static string Timer(double seconds, double step) => Down(seconds + 0.05, step);
}
