using System.Net;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>Addresses the suite may use: loopback only, ports chosen by the OS, in the family of the claim running
/// now (127.0.0.1 or ::1, see <see cref="IpFamily.Current"/>).</summary>
public static class Loopback
{
    public static IpFamily Family => IpFamily.Current;

    public static IPAddress Address => Family.Loopback;

    /// <summary>The wildcard address of the family (INADDR_ANY, in6addr_any).</summary>
    public static IPAddress Any => Family.Any;

    public static IPEndPoint AnyPort => new(Address, 0);

    public static IPEndPoint Port(int port) => new(Address, port);

    /// <summary>Why a socket listening on the wildcard address could be reached from a network outside this machine, or
    /// null when loopback is the only interface here (a network namespace of the claim's own, a container with network
    /// mode none): then the wildcard is loopback and nothing else. Outside Linux no interface list is read, so the
    /// answer is that it could.</summary>
    public static string? WildcardReachesBeyondLoopback()
    {
        const string why = "it would listen on the wildcard address, which opens a port on every network this machine is on; it runs where "
            + "loopback is the only interface (each claim's own network namespace when the suite runs as root on Linux, a container with network mode none)";
        // /proc/self/net/dev lists this process's network namespace (/sys/class/net shows the namespace /sys was
        // mounted in, which unshare --net does not change).
        const string devices = "/proc/self/net/dev";
        if (!OperatingSystem.IsLinux() || !File.Exists(devices))
        {
            return why;
        }

        var interfaces = File.ReadLines(devices).Skip(2).Select(line => line.Split(':')[0].Trim()).ToList();
        return interfaces.All(name => name == "lo") ? null : $"{why} (here: {string.Join(", ", interfaces.Where(n => n != "lo").Order(StringComparer.Ordinal))})";
    }
}
