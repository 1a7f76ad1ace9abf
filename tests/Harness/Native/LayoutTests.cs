using System.Net;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Native.Tables;

namespace Conformance.Harness.Tests.Native;

/// <summary>The structures the kernel reads, byte by byte, for each family.</summary>
public sealed class LayoutTests
{
    private static readonly IPEndPoint Endpoint = new(IPAddress.Loopback, 0x1234);

    [Test]
    public void LinuxSockaddrInStartsWithASixteenBitFamily() =>
        Assert.That(new SockAddr(LinuxTables.Constants).Encode(Endpoint),
            Is.EqualTo(new byte[] { 2, 0, 0x12, 0x34, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }));

    [Test]
    public void BsdSockaddrInStartsWithLengthThenFamily() =>
        Assert.That(new SockAddr(DarwinTables.Constants).Encode(Endpoint),
            Is.EqualTo(new byte[] { 16, 2, 0x12, 0x34, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }));

    [Test]
    public void WindowsSockaddrIn6UsesFamily23()
    {
        var bytes = new SockAddr(WindowsTables.Constants).Encode(new IPEndPoint(IPAddress.IPv6Loopback, 80));
        Assert.That(bytes, Has.Length.EqualTo(28));
        Assert.That(bytes[..2], Is.EqualTo(new byte[] { 23, 0 }));
        Assert.That(bytes[23], Is.EqualTo(1), "::1 ends the 16 address bytes at offset 8..23");
    }

    [TestCase(OsFamily.Linux)]
    [TestCase(OsFamily.MacOS)]
    [TestCase(OsFamily.FreeBsd)]
    [TestCase(OsFamily.Windows)]
    public void SockaddrsRoundTrip(OsFamily os)
    {
        var codec = new SockAddr(SocketConstants.For(os));
        Assert.That(codec.Decode(codec.Encode(Endpoint)), Is.EqualTo(Endpoint));
        var v6 = new IPEndPoint(IPAddress.Parse("fe80::1%3"), 443);
        Assert.That(codec.Decode(codec.Encode(v6)), Is.EqualTo(v6));
    }

    [TestCase(OsFamily.Linux, 136)]
    [TestCase(OsFamily.MacOS, 12)]
    [TestCase(OsFamily.FreeBsd, 8)]
    public void SigactionFlagsSitWhereEachLibcPutsThem(OsFamily os, int offset) =>
        Assert.That(SigactionLayout.FlagsOffset(os), Is.EqualTo(offset));
}
