using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Native.Tables;
using Conformance.Fixtures.Native.Windows;

namespace Conformance.Fixtures.Native;

/// <summary>This process's socket API: the calls, the numbers and the sockaddr layout of the OS it runs on.</summary>
public static class Sys
{
    public static OsFamily Os { get; } = OsFamilies.Current;

    public static SocketConstants C { get; } = SocketConstants.For(Os);

    public static ErrnoTable Errno { get; } = ErrnoTables.For(Os);

    public static SockAddr SockAddr { get; } = new(C);

    public static ISocketCalls Calls { get; } = Create();

    public static bool IsPosix => Os != OsFamily.Windows;

    private static ISocketCalls Create()
    {
        StructLayouts.RequireSixtyFourBits(IntPtr.Size);
        if (Os == OsFamily.Windows)
        {
            return new WinsockCalls();
        }

        Libc.EnsureResolver();
        return new PosixCalls(C, Errno);
    }
}
