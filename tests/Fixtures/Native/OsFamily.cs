namespace Conformance.Fixtures.Native;

/// <summary>The operating-system families whose socket layers the suite knows. Each has its own
/// constant and errno tables; Linux, macOS and FreeBSD share the libc bindings, Windows has Winsock.</summary>
public enum OsFamily
{
    Linux,
    MacOS,
    FreeBsd,
    Windows,
}

public static class OsFamilies
{
    public static OsFamily Current { get; } =
        OperatingSystem.IsLinux() ? OsFamily.Linux
        : OperatingSystem.IsMacOS() ? OsFamily.MacOS
        : OperatingSystem.IsFreeBSD() ? OsFamily.FreeBsd
        : OperatingSystem.IsWindows() ? OsFamily.Windows
        : throw new PlatformNotSupportedException(
            $"Conformance knows Linux, macOS, FreeBSD and Windows; this is {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.");

    /// <summary>The lower-case name used in results files, platform ids and expectation tables.</summary>
    public static string Id(this OsFamily os) => os switch
    {
        OsFamily.Linux => "linux",
        OsFamily.MacOS => "macos",
        OsFamily.FreeBsd => "freebsd",
        OsFamily.Windows => "windows",
        _ => throw new ArgumentOutOfRangeException(nameof(os), os, null),
    };
}
