using System.Net;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;

namespace Conformance.Tcp.NameServices;

/// <summary>FAQ 2.3, 3.1, 3.4 and 4.10: the C library's name and address helpers. These differ by userland
/// (libc, /etc/services), which is what the distro columns show.</summary>
public sealed class NameServiceTests : ClaimTest
{
    [Claim("tcp.getservbyname")]
    public void GetservbynameMapsAServiceNameToItsPort()
    {
        RequireLibc();
        Observe("http", NameService.ServicePort("http", "tcp")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        Observe("domain", NameService.ServicePort("domain", "udp")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        Observe("services-file", File.Exists("/etc/services"));
    }

    [Claim("tcp.inet-addr-broadcast")]
    public void InetAddrCannotTellTheBroadcastAddressFromAnErrorInetPtonCan()
    {
        RequireLibc();
        Observe("inet-addr-equal", NameService.InetAddr("255.255.255.255") == NameService.InetAddr("bogus"));
        Observe("inet-pton", NameService.InetPton("255.255.255.255") == 1 && NameService.InetPton("bogus") == 0);
    }

    [Claim("tcp.gethostbyname-static")]
    public void GethostbynameReturnsStaticStorageThatTheNextCallOverwrites()
    {
        RequireLibc();
        var (first, firstAddress) = NameService.HostByName("127.0.0.1");
        if (first == 0 || firstAddress is null)
        {
            throw new ScenarioException("gethostbyname(\"127.0.0.1\") found nothing");
        }

        var (second, _) = NameService.HostByName("127.0.0.2");
        Observe("same-pointer", first == second);
        // Only the static structure may be read again: where each call returns a new one, the C library may
        // already have freed the first (macOS's libinfo releases a thread's previous item on the next call).
        Observe("first-overwritten", first != second ? "unread"
            : NameService.FirstAddress(first) is { } now && new IPAddress(now).Equals(IPAddress.Parse("127.0.0.2")) ? "true" : "false");
    }

    private static void RequireLibc()
    {
        if (!Sys.IsPosix)
        {
            throw Inconclusive("the Winsock netdb calls (ws2_32 getservbyname, inet_addr, gethostbyname) are not bound yet");
        }
    }
}
