using System.Runtime.InteropServices;

namespace Conformance.Fixtures.Native.Posix;

/// <summary>sysctlbyname() on macOS and FreeBSD, for the settings Linux shows under /proc/sys.</summary>
public static unsafe partial class Sysctl
{
    public static int? Int(string name)
    {
        int value;
        nuint length = sizeof(int);
        return sysctlbyname(name, &value, &length, null, 0) == 0 ? value : null;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int sysctlbyname(string name, void* value, nuint* length, void* newValue, nuint newLength);
}
