namespace Conformance.Fixtures.Native.Tables;

/// <summary>The numbers a socket program compiles in, for one OS family. They differ everywhere (SOL_SOCKET
/// is 1 on Linux and 0xffff on BSD and Windows); a null means the family has no such thing, and the claims
/// that need it are <c>unsupported</c> there.</summary>
public sealed record SocketConstants
{
    public required OsFamily Os { get; init; }

    // Address families, types, protocols.
    public required int AF_INET { get; init; }
    public required int AF_INET6 { get; init; }
    public int SOCK_STREAM { get; init; } = 1;
    public int SOCK_DGRAM { get; init; } = 2;
    public int IPPROTO_IP { get; init; }
    public int IPPROTO_TCP { get; init; } = 6;
    public int IPPROTO_UDP { get; init; } = 17;

    /// <summary>BSD's sockaddr starts with a length byte (sin_len) before an 8-bit family.</summary>
    public required bool SockaddrHasLen { get; init; }

    // SOL_SOCKET options.
    public required int SOL_SOCKET { get; init; }
    public required int SO_REUSEADDR { get; init; }
    public required int? SO_REUSEPORT { get; init; }
    public required int SO_KEEPALIVE { get; init; }
    public required int SO_BROADCAST { get; init; }
    public required int SO_LINGER { get; init; }

    /// <summary>SO_LINGER whose l_linger counts seconds where the plain option does not: XNU's SO_LINGER counts
    /// 10 ms clock ticks and SO_LINGER_SEC (0x1080) seconds (bsd/sys/socket.h), as dotnet/runtime uses on Apple.</summary>
    public int SO_LINGER_SECONDS => SO_LINGER_SEC ?? SO_LINGER;

    public int? SO_LINGER_SEC { get; init; }
    public required int SO_OOBINLINE { get; init; }
    public required int SO_SNDBUF { get; init; }
    public required int SO_RCVBUF { get; init; }
    public required int SO_ERROR { get; init; }
    public required int SO_TYPE { get; init; }
    public int? SO_NOSIGPIPE { get; init; }

    // IPPROTO_TCP options.
    public int TCP_NODELAY { get; init; } = 1;

    /// <summary>The per-socket keepalive idle time: TCP_KEEPIDLE, or TCP_KEEPALIVE on macOS and Windows.</summary>
    public required int? TCP_KEEPIDLE { get; init; }
    public required int? TCP_KEEPINTVL { get; init; }
    public required int? TCP_KEEPCNT { get; init; }

    /// <summary>Per-connection statistics with a sent-segment counter: TCP_INFO on Linux and FreeBSD,
    /// TCP_CONNECTION_INFO on macOS.</summary>
    public int? TCP_INFO { get; init; }

    /// <summary>The TCP state number of a connection with no control block left (closed by an RST): TCP_CLOSE
    /// on Linux, TCPS_CLOSED on the BSDs, TCPSTATE_CLOSED on Windows.</summary>
    public required int TCP_STATE_CLOSED { get; init; }
    public int? TCP_QUICKACK { get; init; }

    /// <summary>The per-socket option that bounds how long a connect() tries (FAQ 3.5 says there is none): TCP_SYNCNT on
    /// Linux (SYN retransmissions), TCP_CONNECTIONTIMEOUT on macOS, TCP_KEEPINIT on FreeBSD, TCP_MAXRT on Windows (seconds,
    /// the last three); <see cref="ConnectTimeoutOptionName"/> says which.</summary>
    public int? ConnectTimeoutOption { get; init; }

    public string ConnectTimeoutOptionName => Os switch
    {
        OsFamily.Linux => "TCP_SYNCNT",
        OsFamily.MacOS => "TCP_CONNECTIONTIMEOUT",
        OsFamily.FreeBsd => "TCP_KEEPINIT",
        _ => "TCP_MAXRT",
    };

    /// <summary>How long sent data may stay unacknowledged before the connection is dropped, in ms (RFC 5482): Linux only.</summary>
    public int? TCP_USER_TIMEOUT { get; init; }

    // IPPROTO_IPV6 options: IPV6_V6ONLY is 26 on Linux, 27 on the BSDs and Windows.
    public int IPPROTO_IPV6 { get; init; } = 41;
    public required int IPV6_V6ONLY { get; init; }

    // IPPROTO_IP options.
    public required int IP_MULTICAST_IF { get; init; }

    /// <summary>Don't-fragment on outgoing datagrams: IP_DONTFRAG on the BSDs, IP_DONTFRAGMENT on Windows, and on Linux
    /// IP_MTU_DISCOVER, whose value for "always set DF" is IP_PMTUDISC_DO (2), not 1 (<see cref="DontFragmentOn"/>).</summary>
    public required int IP_DONTFRAG { get; init; }

    public int DontFragmentOn => Os == OsFamily.Linux ? 2 : 1;
    public required int IP_MULTICAST_LOOP { get; init; }
    public required int IP_ADD_MEMBERSHIP { get; init; }

    // send/recv flags.
    public int MSG_OOB { get; init; } = 1;
    public int MSG_PEEK { get; init; } = 2;
    public required int MSG_TRUNC { get; init; }
    public required int? MSG_DONTWAIT { get; init; }
    public required int? MSG_NOSIGNAL { get; init; }

    // shutdown().
    public int SHUT_RD { get; init; }
    public int SHUT_WR { get; init; } = 1;
    public int SHUT_RDWR { get; init; } = 2;

    // File flags and fcntl (null on Windows: FIONBIO is all it has).
    public required int? O_NONBLOCK { get; init; }
    public required int? O_APPEND { get; init; }
    public int? F_GETFL { get; init; }
    public int? F_SETFL { get; init; }
    public int? F_DUPFD { get; init; }
    public int? F_SETOWN { get; init; }

    /// <summary>Signal-driven I/O (FAQ 2.9's SIGIO): fcntl's O_ASYNC status flag.</summary>
    public int? O_ASYNC { get; init; }

    // ioctl requests.
    public required uint FIONREAD { get; init; }
    public required uint FIONBIO { get; init; }
    public required uint SIOCATMARK { get; init; }

    /// <summary>The bytes in a socket's send queue, sent or not, until the peer acknowledges them: ioctl SIOCOUTQ on
    /// Linux, FIONWRITE on FreeBSD; macOS has getsockopt SO_NWRITE instead, Windows neither.</summary>
    public uint? SIOCOUTQ { get; init; }
    public int? SO_NWRITE { get; init; }

    // poll() events.
    public required short POLLIN { get; init; }
    public required short POLLPRI { get; init; }
    public required short POLLOUT { get; init; }
    public required short POLLERR { get; init; }
    public required short POLLHUP { get; init; }
    public required short POLLNVAL { get; init; }

    public required int FD_SETSIZE { get; init; }

    // Signals (null on Windows, which has none of these).
    public int? SIGPIPE { get; init; }
    public int? SIGUSR2 { get; init; }
    public int? SIGIO { get; init; }
    public int? SIG_BLOCK { get; init; }
    public int? SIG_UNBLOCK { get; init; }
    public int? SA_RESTART { get; init; }
    public int? RLIMIT_NOFILE { get; init; }

    public static SocketConstants For(OsFamily os) => os switch
    {
        OsFamily.Linux => LinuxTables.Constants,
        OsFamily.MacOS => DarwinTables.Constants,
        OsFamily.FreeBsd => FreeBsdTables.Constants,
        OsFamily.Windows => WindowsTables.Constants,
        _ => throw new ArgumentOutOfRangeException(nameof(os), os, null),
    };
}

public static class ErrnoTables
{
    public static ErrnoTable For(OsFamily os) => os switch
    {
        OsFamily.Linux => LinuxTables.Errno,
        OsFamily.MacOS => DarwinTables.Errno,
        OsFamily.FreeBsd => FreeBsdTables.Errno,
        OsFamily.Windows => WindowsTables.Errno,
        _ => throw new ArgumentOutOfRangeException(nameof(os), os, null),
    };
}
