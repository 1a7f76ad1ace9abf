namespace Conformance.Fixtures.Native.Tables;

/// <summary>macOS (XNU). Sources: bsd/sys/socket.h, bsd/netinet/in.h, bsd/netinet/tcp.h, bsd/sys/fcntl.h,
/// bsd/sys/filio.h and sockio.h (the _IOR/_IOW encodings), bsd/sys/poll.h, bsd/sys/select.h,
/// bsd/sys/errno.h, bsd/sys/signal.h, bsd/sys/resource.h.</summary>
public static class DarwinTables
{
    public static readonly SocketConstants Constants = new()
    {
        Os = OsFamily.MacOS,
        AF_INET = 2,
        AF_INET6 = 30,
        SockaddrHasLen = true,
        TCP_STATE_CLOSED = 0, // TCPS_CLOSED (bsd/netinet/tcp_fsm.h)
        SOL_SOCKET = 0xffff,
        SO_REUSEADDR = 0x0004,
        SO_KEEPALIVE = 0x0008,
        SO_BROADCAST = 0x0020,
        SO_LINGER = 0x0080, // in 10 ms ticks: the claims use SO_LINGER_SEC
        SO_LINGER_SEC = 0x1080,
        SO_OOBINLINE = 0x0100,
        SO_REUSEPORT = 0x0200,
        SO_SNDBUF = 0x1001,
        SO_RCVBUF = 0x1002,
        SO_ERROR = 0x1007,
        SO_TYPE = 0x1008,
        SO_NOSIGPIPE = 0x1022,
        TCP_KEEPIDLE = 0x10, // TCP_KEEPALIVE: XNU's name for the idle time
        TCP_KEEPINTVL = 0x101,
        TCP_KEEPCNT = 0x102,
        TCP_INFO = 0x106, // TCP_CONNECTION_INFO
        ConnectTimeoutOption = 0x20, // TCP_CONNECTIONTIMEOUT (netinet/tcp.h)
        IPV6_V6ONLY = 27,
        IP_MULTICAST_IF = 9,
        IP_DONTFRAG = 28, // netinet/in.h
        IP_MULTICAST_LOOP = 11,
        IP_ADD_MEMBERSHIP = 12,
        MSG_TRUNC = 0x10,
        MSG_DONTWAIT = 0x80,
        MSG_NOSIGNAL = 0x80000,
        O_NONBLOCK = 0x0004,
        O_APPEND = 0x0008,
        F_DUPFD = 0,
        F_GETFL = 3,
        F_SETFL = 4,
        F_SETOWN = 6,
        O_ASYNC = 0x40,
        FIONREAD = 0x4004667F,
        FIONBIO = 0x8004667E,
        SIOCATMARK = 0x40047307,
        SO_NWRITE = 0x1024, // sys/socket.h
        POLLIN = 0x001,
        POLLPRI = 0x002,
        POLLOUT = 0x004,
        POLLERR = 0x008,
        POLLHUP = 0x010,
        POLLNVAL = 0x020,
        FD_SETSIZE = 1024,
        SIGPIPE = 13,
        SIGUSR2 = 31,
        SIGIO = 23,
        SIG_BLOCK = 1,
        SIG_UNBLOCK = 2,
        SA_RESTART = 0x0002,
        RLIMIT_NOFILE = 8,
    };

    public static readonly ErrnoTable Errno = new(OsFamily.MacOS, BsdErrno.Common(new Dictionary<string, int>
    {
        ["ENOSYS"] = 78,
        ["EPROTO"] = 100,
        ["EOPNOTSUPP"] = 102,
    }));
}

/// <summary>The errno numbers 4.4BSD gave and both XNU and FreeBSD kept (bsd/sys/errno.h, sys/sys/errno.h).</summary>
internal static class BsdErrno
{
    public static Dictionary<string, int> Common(Dictionary<string, int> own)
    {
        var table = new Dictionary<string, int>
        {
            ["EPERM"] = 1,
            ["ENOENT"] = 2,
            ["EINTR"] = 4,
            ["EBADF"] = 9,
            ["ENOMEM"] = 12,
            ["EACCES"] = 13,
            ["EFAULT"] = 14,
            ["ENOTDIR"] = 20,
            ["ENOTTY"] = 25,
            ["EINVAL"] = 22,
            ["EMFILE"] = 24,
            ["EPIPE"] = 32,
            ["EAGAIN"] = 35,
            ["EINPROGRESS"] = 36,
            ["EALREADY"] = 37,
            ["ENOTSOCK"] = 38,
            ["EDESTADDRREQ"] = 39,
            ["EMSGSIZE"] = 40,
            ["EPROTOTYPE"] = 41,
            ["ENOPROTOOPT"] = 42,
            ["EPROTONOSUPPORT"] = 43,
            ["EAFNOSUPPORT"] = 47,
            ["EADDRINUSE"] = 48,
            ["EADDRNOTAVAIL"] = 49,
            ["ENETDOWN"] = 50,
            ["ENETUNREACH"] = 51,
            ["ENETRESET"] = 52,
            ["ECONNABORTED"] = 53,
            ["ECONNRESET"] = 54,
            ["ENOBUFS"] = 55,
            ["EISCONN"] = 56,
            ["ENOTCONN"] = 57,
            ["ESHUTDOWN"] = 58,
            ["ETIMEDOUT"] = 60,
            ["ECONNREFUSED"] = 61,
            ["EHOSTDOWN"] = 64,
            ["EHOSTUNREACH"] = 65,
        };
        foreach (var (name, number) in own)
        {
            table[name] = number;
        }

        return table;
    }
}
