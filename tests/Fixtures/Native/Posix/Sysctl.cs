namespace Conformance.Fixtures.Native.Posix;

/// <summary>sysctl(3) by name, where the BSDs and macOS keep what Linux keeps under /proc/sys.</summary>
public static unsafe class Sysctl
{
    public static int? Int(string name)
    {
        int value;
        nuint length = sizeof(int);
        return Libc.sysctlbyname(name, &value, &length, null, 0) == 0 ? value : null;
    }
}
