namespace Conformance.Fixtures.Native.Posix;

/// <summary>uname(2). struct utsname is five or six fixed-length char arrays, release the third: 65 bytes each on
/// Linux (include/uapi/linux/utsname.h: sysname, nodename, release, version, machine, domainname), 256 on macOS
/// and FreeBSD (sys/utsname.h: _SYS_NAMELEN 256; five fields).</summary>
public static unsafe class Uname
{
    /// <summary>(bytes a field, fields) of struct utsname.</summary>
    public static (int FieldLength, int Fields) Layout(OsFamily os) => os switch
    {
        OsFamily.Linux => (65, 6),
        OsFamily.MacOS or OsFamily.FreeBsd => (256, 5),
        _ => throw new PlatformNotSupportedException("Windows has no uname()"),
    };

    public static string Release()
    {
        var (field, fields) = Layout(Sys.Os);
        var buffer = stackalloc byte[field * fields];
        if (Libc.uname(buffer) != 0)
        {
            return "unknown";
        }

        return new string((sbyte*)(buffer + (field * 2)));
    }
}
