namespace Conformance.Fixtures.Native;

/// <summary>Where the fields of every structure the raw layer marshals by hand sit, per OS family, for a 64-bit
/// process (<see cref="Sys"/> refuses to run in a 32-bit one). One place, pinned by tests against the headers.</summary>
public static class StructLayouts
{
    /// <summary>struct msghdr { void *name; socklen_t namelen; struct iovec *iov; iovlen; void *control; controllen; int flags; }:
    /// msg_iovlen and msg_controllen are size_t on Linux (glibc, musl) and int on the BSDs.</summary>
    public static (int Size, int IovOffset, int IovLenOffset, int IovLenSize, int FlagsOffset) MsgHdr(OsFamily os) => os switch
    {
        OsFamily.Linux => (56, 16, 24, 8, 48),
        OsFamily.MacOS or OsFamily.FreeBsd => (48, 16, 24, 4, 44),
        _ => throw new PlatformNotSupportedException("Winsock has no recvmsg(); WSARecvMsg takes a WSAMSG"),
    };

    /// <summary>struct pollfd { int fd; short events; short revents; } on POSIX; WSAPOLLFD { SOCKET fd; SHORT events;
    /// SHORT revents; } on Windows, where SOCKET is pointer-sized.</summary>
    public static (int Size, int EventsOffset, int ReventsOffset) PollFd(OsFamily os) => os switch
    {
        OsFamily.Windows => (16, 8, 10),
        _ => (8, 4, 6),
    };

    /// <summary>struct hostent { char *h_name; char **h_aliases; int h_addrtype; int h_length; char **h_addr_list; }.</summary>
    public static (int LengthOffset, int AddrListOffset) HostEnt => ((2 * 8) + 4, (2 * 8) + 8);

    /// <summary>struct servent { char *s_name; char **s_aliases; int s_port; char *s_proto; }.</summary>
    public static int ServEntPortOffset => 2 * 8;

    /// <summary>struct linger: two ints on POSIX, two u_shorts on Windows.</summary>
    public static (int Size, int LingerOffset) Linger(OsFamily os) => os == OsFamily.Windows ? (4, 2) : (8, 4);

    /// <summary>fd_set: a 1024-bit little-endian bitmap on Linux, macOS and FreeBSD; on Windows { u_int fd_count;
    /// SOCKET fd_array[64]; }, the array 8-aligned after the count.</summary>
    public static (int Size, int ArrayOffset) FdSet(OsFamily os) => os == OsFamily.Windows ? (8 + (64 * 8), 8) : (128, 0);

    /// <summary>The raw layer's structures assume 8-byte pointers and longs; a 32-bit process is refused.</summary>
    public static void RequireSixtyFourBits(int pointerSize)
    {
        if (pointerSize != 8)
        {
            throw new PlatformNotSupportedException(
                $"Conformance's raw socket layer lays out msghdr, pollfd, hostent and fd_set for 64-bit processes, and this one has {pointerSize * 8}-bit pointers; run it with a 64-bit .NET");
        }
    }
}
