namespace Conformance.Fixtures.Native.Tables;

/// <summary>FreeBSD. Sources: sys/sys/socket.h, sys/netinet/in.h, sys/netinet/tcp.h, sys/sys/fcntl.h,
/// sys/sys/filio.h and sockio.h, sys/sys/poll.h, sys/sys/select.h, sys/sys/errno.h, sys/sys/signal.h.</summary>
public static class FreeBsdTables
{
    public static readonly SocketConstants Constants = new()
    {
        Os = OsFamily.FreeBsd,
        AF_INET = 2,
        AF_INET6 = 28,
        SockaddrHasLen = true,
        TCP_STATE_CLOSED = 0, // TCPS_CLOSED (sys/netinet/tcp_fsm.h)
        SOL_SOCKET = 0xffff,
        SO_REUSEADDR = 0x0004,
        SO_KEEPALIVE = 0x0008,
        SO_BROADCAST = 0x0020,
        SO_LINGER = 0x0080,
        SO_OOBINLINE = 0x0100,
        SO_REUSEPORT = 0x0200,
        SO_NOSIGPIPE = 0x0800,
        SO_SNDBUF = 0x1001,
        SO_RCVBUF = 0x1002,
        SO_ERROR = 0x1007,
        SO_TYPE = 0x1008,
        TCP_INFO = 32,
        ConnectTimeoutOption = 128, // TCP_KEEPINIT (netinet/tcp.h)
        TCP_KEEPIDLE = 256,
        TCP_KEEPINTVL = 512,
        TCP_KEEPCNT = 1024,
        IPV6_V6ONLY = 27,
        IP_MULTICAST_IF = 9,
        IP_DONTFRAG = 67, // netinet/in.h
        IP_MULTICAST_LOOP = 11,
        IP_ADD_MEMBERSHIP = 12,
        MSG_TRUNC = 0x10,
        MSG_DONTWAIT = 0x80,
        MSG_NOSIGNAL = 0x20000,
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
        SIOCOUTQ = 0x40046677, // FIONWRITE, _IOR('f', 119, int) (sys/filio.h)
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

    public static readonly ErrnoTable Errno = new(OsFamily.FreeBsd, BsdErrno.Common(new Dictionary<string, int>
    {
        ["EOPNOTSUPP"] = 45,
        ["ENOSYS"] = 78,
        ["EPROTO"] = 92,
    }));
}
