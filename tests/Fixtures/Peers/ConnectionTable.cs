using System.Net;
using System.Net.NetworkInformation;

namespace Conformance.Fixtures.Peers;

/// <summary>The OS's table of TCP connections, the one netstat prints: where a closed connection's TIME_WAIT is seen
/// as the OS keeps it, not through what a later bind() is allowed (a policy that differs by OS and layer). Read through
/// System.Net.NetworkInformation, which asks each OS for its own table: /proc/net/tcp and tcp6 on Linux, the
/// net.inet.tcp.pcblist sysctl on macOS and FreeBSD, GetTcpTable on Windows.</summary>
public static class ConnectionTable
{
    /// <summary>Whether the connection from <paramref name="local"/> to <paramref name="remote"/> is in TIME_WAIT.</summary>
    public static bool InTimeWait(IPEndPoint local, IPEndPoint remote) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Any(c => c.State == TcpState.TimeWait && Same(c.LocalEndPoint, local) && Same(c.RemoteEndPoint, remote));

    private static bool Same(IPEndPoint listed, IPEndPoint wanted) =>
        listed.Port == wanted.Port
        && (listed.Address.Equals(wanted.Address) || listed.Address.MapToIPv6().Equals(wanted.Address.MapToIPv6()));
}
