namespace Conformance.Fixtures.Native.Posix;

/// <summary>uname(2). Linux's struct utsname is six 65-byte fields: sysname, nodename, release, version, machine,
/// domainname (include/uapi/linux/utsname.h).</summary>
public static unsafe class Uname
{
    private const int FieldLength = 65;

    public static string Release()
    {
        var buffer = stackalloc byte[FieldLength * 6];
        if (Libc.uname(buffer) != 0)
        {
            return "unknown";
        }

        return new string((sbyte*)(buffer + (FieldLength * 2)));
    }
}
