namespace Conformance.Fixtures.Native.Tables;

/// <summary>Windows (Winsock 2). Sources: winsock2.h, ws2def.h, ws2ipdef.h, mstcpip.h and winerror.h of the
/// Windows SDK. No read()/write(), fcntl(), signals or SO_REUSEPORT: those claims are unsupported there.</summary>
public static class WindowsTables
{
    public static readonly SocketConstants Constants = new()
    {
        Os = OsFamily.Windows,
        AF_INET = 2,
        AF_INET6 = 23,
        SockaddrHasLen = false,
        TCP_STATE_CLOSED = 0, // TCPSTATE_CLOSED (mstcpip.h)
        SOL_SOCKET = 0xffff,
        SO_REUSEADDR = 0x0004,
        SO_REUSEPORT = null,
        SO_KEEPALIVE = 0x0008,
        SO_BROADCAST = 0x0020,
        SO_LINGER = 0x0080,
        SO_OOBINLINE = 0x0100,
        SO_SNDBUF = 0x1001,
        SO_RCVBUF = 0x1002,
        SO_ERROR = 0x1007,
        SO_TYPE = 0x1008,
        TCP_KEEPIDLE = 3, // TCP_KEEPALIVE (ws2ipdef.h), Windows 10 1709 and later
        TCP_KEEPCNT = 16,
        TCP_KEEPINTVL = 17,
        ConnectTimeoutOption = 5, // TCP_MAXRT (ws2ipdef.h), Windows Vista and later
        IPV6_V6ONLY = 27,
        IP_MULTICAST_IF = 9,
        IP_DONTFRAG = 14, // IP_DONTFRAGMENT (ws2ipdef.h)
        IP_MULTICAST_LOOP = 11,
        IP_ADD_MEMBERSHIP = 12,
        MSG_TRUNC = 0x0100,
        MSG_DONTWAIT = null,
        MSG_NOSIGNAL = null,
        O_NONBLOCK = null,
        O_APPEND = null,
        FIONREAD = 0x4004667F,
        FIONBIO = 0x8004667E,
        SIOCATMARK = 0x40047307,
        POLLIN = 0x0300, // POLLRDNORM | POLLRDBAND
        POLLPRI = 0x0400,
        POLLOUT = 0x0010,
        POLLERR = 0x0001,
        POLLHUP = 0x0002,
        POLLNVAL = 0x0004,
        FD_SETSIZE = 64,
    };

    public static readonly ErrnoTable Errno = new(OsFamily.Windows, new Dictionary<string, int>
    {
        ["WSAEINTR"] = 10004,
        ["WSAEBADF"] = 10009,
        ["WSAEACCES"] = 10013,
        ["WSAEFAULT"] = 10014,
        ["WSAEINVAL"] = 10022,
        ["WSAEMFILE"] = 10024,
        ["WSAEWOULDBLOCK"] = 10035,
        ["WSAEINPROGRESS"] = 10036,
        ["WSAEALREADY"] = 10037,
        ["WSAENOTSOCK"] = 10038,
        ["WSAEDESTADDRREQ"] = 10039,
        ["WSAEMSGSIZE"] = 10040,
        ["WSAEPROTOTYPE"] = 10041,
        ["WSAENOPROTOOPT"] = 10042,
        ["WSAEPROTONOSUPPORT"] = 10043,
        ["WSAESOCKTNOSUPPORT"] = 10044,
        ["WSAEOPNOTSUPP"] = 10045,
        ["WSAEPFNOSUPPORT"] = 10046,
        ["WSAEAFNOSUPPORT"] = 10047,
        ["WSAEADDRINUSE"] = 10048,
        ["WSAEADDRNOTAVAIL"] = 10049,
        ["WSAENETDOWN"] = 10050,
        ["WSAENETUNREACH"] = 10051,
        ["WSAENETRESET"] = 10052,
        ["WSAECONNABORTED"] = 10053,
        ["WSAECONNRESET"] = 10054,
        ["WSAENOBUFS"] = 10055,
        ["WSAEISCONN"] = 10056,
        ["WSAENOTCONN"] = 10057,
        ["WSAESHUTDOWN"] = 10058,
        ["WSAETIMEDOUT"] = 10060,
        ["WSAECONNREFUSED"] = 10061,
        ["WSAEHOSTDOWN"] = 10064,
        ["WSAEHOSTUNREACH"] = 10065,
        ["WSANOTINITIALISED"] = 10093,
    });
}
