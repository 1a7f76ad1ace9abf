using System.Globalization;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;

namespace Conformance.Fixtures.Peers;

/// <summary>The range connect() picks client ports from, read from the system: per network namespace on Linux
/// (net.ipv4.ip_local_port_range), net.inet.ip.portrange.first/last on macOS and FreeBSD.</summary>
public static class EphemeralPorts
{
    public static (int First, int Last)? Range()
    {
        if (Sys.Os == OsFamily.Linux)
        {
            const string path = "/proc/sys/net/ipv4/ip_local_port_range";
            if (!File.Exists(path))
            {
                return null;
            }

            var parts = File.ReadAllText(path).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        if (Sys.Os is OsFamily.MacOS or OsFamily.FreeBsd)
        {
            var first = Sysctl.Int("net.inet.ip.portrange.first");
            var last = Sysctl.Int("net.inet.ip.portrange.last");
            return first is { } f && last is { } l ? (f, l) : null;
        }

        return null;
    }
}
