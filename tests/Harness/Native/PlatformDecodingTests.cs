using System.Net;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Tables;
using Conformance.Fixtures.Peers;

namespace Conformance.Harness.Tests.Native;

/// <summary>The decoding that only a macOS, FreeBSD or Windows runner would exercise, checked here: what each
/// family's bytes and numbers mean, so a first run there fails on behaviour, not on a misread structure.</summary>
public sealed class PlatformDecodingTests
{
    [Test]
    public void FreeBsdSockaddrInStartsWithLengthThenFamily() =>
        Assert.That(new SockAddr(FreeBsdTables.Constants).Encode(new IPEndPoint(IPAddress.Loopback, 0x1234)),
            Is.EqualTo(new byte[] { 16, 2, 0x12, 0x34, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }));

    [TestCase(OsFamily.MacOS, 30)]
    [TestCase(OsFamily.FreeBsd, 28)]
    public void BsdSockaddrIn6StartsWithItsLengthAndTheFamilysOwnNumber(OsFamily os, int af)
    {
        var bytes = new SockAddr(SocketConstants.For(os)).Encode(new IPEndPoint(IPAddress.IPv6Loopback, 80));
        Assert.That(bytes[..4], Is.EqualTo(new byte[] { 28, (byte)af, 0, 80 }));
        Assert.That(bytes[23], Is.EqualTo(1), "::1 ends the 16 address bytes at offset 8..23");
    }

    [TestCase(OsFamily.Linux, 7)]   // TCP_CLOSE
    [TestCase(OsFamily.MacOS, 0)]   // TCPS_CLOSED
    [TestCase(OsFamily.FreeBsd, 0)] // TCPS_CLOSED
    [TestCase(OsFamily.Windows, 0)] // TCPSTATE_CLOSED
    public void TheClosedTcpStateIsEachFamilysOwnNumber(OsFamily os, int closed) =>
        Assert.That(SocketConstants.For(os).TCP_STATE_CLOSED, Is.EqualTo(closed));

    [Test]
    public void MacOsLingersInSecondsThroughSoLingerSec()
    {
        Assert.That(DarwinTables.Constants.SO_LINGER_SECONDS, Is.EqualTo(0x1080), "XNU's SO_LINGER counts 10 ms ticks");
        Assert.That(LinuxTables.Constants.SO_LINGER_SECONDS, Is.EqualTo(LinuxTables.Constants.SO_LINGER));
        Assert.That(FreeBsdTables.Constants.SO_LINGER_SECONDS, Is.EqualTo(FreeBsdTables.Constants.SO_LINGER));
        Assert.That(WindowsTables.Constants.SO_LINGER_SECONDS, Is.EqualTo(WindowsTables.Constants.SO_LINGER));
    }

    [Test]
    public void WinsockSiocatmarkIsReportedAsWinsockAnswersItAndItsSenseIsDocumented()
    {
        // Same request number as the BSDs (_IOR('s', 7, u_long)); no layer inverts the answer. What it means on
        // Windows (TRUE while no urgent data waits) is data in windows.json.
        Assert.That(WindowsTables.Constants.SIOCATMARK, Is.EqualTo(DarwinTables.Constants.SIOCATMARK));
        var entry = ExpectationTable.Default.For("windows").Single(e => e.Claim == "tcp.oob" && e.When is null); // Windows', not Wine's (wine.json)
        Assert.That(entry.Observed, Does.ContainKey("atmark-after"));
        Assert.That(entry.Reference, Does.Contain("SIOCATMARK"));
    }

    [TestCase(false, null, "pending")]
    [TestCase(true, null, "established")]
    [TestCase(true, "ECONNREFUSED", "refused")]
    [TestCase(true, "ECONNRESET", "reset")]
    [TestCase(true, "ETIMEDOUT", "ETIMEDOUT")]
    public void AConnectIsPendingEstablishedRefusedOrReset(bool writable, string? error, string outcome) =>
        Assert.That(ConnectOutcome.Of(writable, error ?? "0"), Is.EqualTo(outcome));

    [TestCase(10014, "EFAULT")]
    [TestCase(10022, "EINVAL")]
    [TestCase(10035, "EAGAIN")]
    [TestCase(10040, "EMSGSIZE")]
    [TestCase(10049, "EADDRNOTAVAIL")]
    [TestCase(10053, "ECONNABORTED")]
    [TestCase(10054, "ECONNRESET")]
    [TestCase(10061, "ECONNREFUSED")]
    public void WinsockErrorsGetTheirPosixNames(int native, string portable) =>
        Assert.That(ErrnoTables.For(OsFamily.Windows).FromNative(native).Name, Is.EqualTo(portable));

    [Test]
    public void ACallTheApiLacksIsUnsupportedNeverAValue()
    {
        var absent = SysResult.Failed(Errno.Absent("Winsock has no read() on a socket"));
        Assert.That(() => absent.Expect("read()"), Throws.TypeOf<ApiAbsentException>().With.Message.Contains("no read()"));
        Assert.That(SysResult.Failed(new Errno("ENOSYS", 38, "ENOSYS")).Error!.IsAbsent, Is.False, "a real ENOSYS from the kernel is an observation");
    }
}
