using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Tables;

namespace Conformance.Harness.Tests.Native;

/// <summary>Pins each OS family's numbers to its headers, so a typo in a table is caught here (on any machine)
/// and not as a baffling observation on a CI runner of that OS.</summary>
public sealed class ConstantTableTests
{
    // (family, name, value): values as the platforms' headers define them.
    private static readonly object[] Pinned =
    [
        // Linux: include/uapi/asm-generic/socket.h, uapi/linux/tcp.h, uapi/linux/in.h, asm-generic/fcntl.h, ioctls.h, sockios.h
        new object[] { OsFamily.Linux, "SOL_SOCKET", 1 },
        new object[] { OsFamily.Linux, "IPV6_V6ONLY", 26 },    // include/uapi/linux/in6.h
        new object[] { OsFamily.MacOS, "IPV6_V6ONLY", 27 },    // bsd/netinet6/in6.h
        new object[] { OsFamily.FreeBsd, "IPV6_V6ONLY", 27 },  // sys/netinet6/in6.h
        new object[] { OsFamily.Windows, "IPV6_V6ONLY", 27 },  // ws2ipdef.h
        new object[] { OsFamily.Linux, "IPPROTO_IPV6", 41 },
        new object[] { OsFamily.Windows, "IPPROTO_IPV6", 41 },
        new object[] { OsFamily.Linux, "SO_REUSEADDR", 2 },
        new object[] { OsFamily.Linux, "SO_ERROR", 4 },
        new object[] { OsFamily.Linux, "SO_LINGER", 13 },
        new object[] { OsFamily.Linux, "SO_REUSEPORT", 15 },
        new object[] { OsFamily.Linux, "AF_INET6", 10 },
        new object[] { OsFamily.Linux, "TCP_KEEPIDLE", 4 },
        new object[] { OsFamily.Linux, "TCP_INFO", 11 },
        new object[] { OsFamily.Linux, "TCP_QUICKACK", 12 },
        new object[] { OsFamily.Linux, "MSG_NOSIGNAL", 0x4000 },
        new object[] { OsFamily.Linux, "MSG_TRUNC", 0x20 },
        new object[] { OsFamily.Linux, "O_NONBLOCK", 0x800 },
        new object[] { OsFamily.Linux, "O_APPEND", 0x400 },
        new object[] { OsFamily.Linux, "FIONREAD", 0x541Bu },
        new object[] { OsFamily.Linux, "SIOCATMARK", 0x8905u },
        new object[] { OsFamily.Linux, "IP_MULTICAST_LOOP", 34 },
        new object[] { OsFamily.Linux, "SIGUSR2", 12 },
        new object[] { OsFamily.Linux, "SIG_BLOCK", 0 },
        new object[] { OsFamily.Linux, "SA_RESTART", 0x10000000 },

        // macOS: bsd/sys/socket.h, bsd/netinet/tcp.h, bsd/sys/fcntl.h, bsd/sys/filio.h, bsd/sys/sockio.h, bsd/sys/signal.h
        new object[] { OsFamily.MacOS, "SOL_SOCKET", 0xffff },
        new object[] { OsFamily.MacOS, "SO_REUSEADDR", 0x4 },
        new object[] { OsFamily.MacOS, "SO_REUSEPORT", 0x200 },
        new object[] { OsFamily.MacOS, "SO_NOSIGPIPE", 0x1022 },
        new object[] { OsFamily.MacOS, "SO_ERROR", 0x1007 },
        new object[] { OsFamily.MacOS, "AF_INET6", 30 },
        new object[] { OsFamily.MacOS, "TCP_KEEPIDLE", 0x10 },
        new object[] { OsFamily.MacOS, "TCP_INFO", 0x106 },
        new object[] { OsFamily.MacOS, "MSG_NOSIGNAL", 0x80000 },
        new object[] { OsFamily.MacOS, "MSG_TRUNC", 0x10 },
        new object[] { OsFamily.MacOS, "O_NONBLOCK", 0x4 },
        new object[] { OsFamily.MacOS, "FIONREAD", 0x4004667Fu },
        new object[] { OsFamily.MacOS, "FIONBIO", 0x8004667Eu },
        new object[] { OsFamily.MacOS, "SIOCATMARK", 0x40047307u },
        new object[] { OsFamily.MacOS, "SIGUSR2", 31 },
        new object[] { OsFamily.MacOS, "SIG_BLOCK", 1 },
        new object[] { OsFamily.MacOS, "SA_RESTART", 2 },

        // FreeBSD: sys/sys/socket.h, sys/netinet/tcp.h, sys/sys/fcntl.h, sys/sys/filio.h, sys/sys/signal.h
        new object[] { OsFamily.FreeBsd, "SOL_SOCKET", 0xffff },
        new object[] { OsFamily.FreeBsd, "SO_NOSIGPIPE", 0x800 },
        new object[] { OsFamily.FreeBsd, "AF_INET6", 28 },
        new object[] { OsFamily.FreeBsd, "TCP_KEEPIDLE", 256 },
        new object[] { OsFamily.FreeBsd, "TCP_INFO", 32 },
        new object[] { OsFamily.FreeBsd, "MSG_NOSIGNAL", 0x20000 },
        new object[] { OsFamily.FreeBsd, "FIONREAD", 0x4004667Fu },

        // Windows: winsock2.h, ws2def.h, ws2ipdef.h
        new object[] { OsFamily.Windows, "SOL_SOCKET", 0xffff },
        new object[] { OsFamily.Windows, "AF_INET6", 23 },
        new object[] { OsFamily.Windows, "SO_REUSEADDR", 4 },
        new object[] { OsFamily.Windows, "TCP_KEEPIDLE", 3 },
        new object[] { OsFamily.Windows, "TCP_KEEPCNT", 16 },
        new object[] { OsFamily.Windows, "TCP_KEEPINTVL", 17 },
        new object[] { OsFamily.Windows, "MSG_TRUNC", 0x100 },
        new object[] { OsFamily.Windows, "FIONBIO", 0x8004667Eu },
        new object[] { OsFamily.Windows, "POLLIN", (short)0x300 },
        new object[] { OsFamily.Windows, "POLLOUT", (short)0x10 },
        new object[] { OsFamily.Windows, "POLLERR", (short)0x1 },
        new object[] { OsFamily.Windows, "FD_SETSIZE", 64 },
    ];

    [TestCaseSource(nameof(Pinned))]
    public void ConstantMatchesTheHeader(OsFamily os, string name, object value)
    {
        var property = typeof(SocketConstants).GetProperty(name) ?? throw new AssertionException($"no constant {name}");
        Assert.That(property.GetValue(SocketConstants.For(os)), Is.EqualTo(value), $"{os} {name}");
    }

    [TestCase(OsFamily.Windows, "SO_REUSEPORT")]
    [TestCase(OsFamily.Windows, "MSG_NOSIGNAL")]
    [TestCase(OsFamily.Windows, "O_NONBLOCK")]
    [TestCase(OsFamily.Windows, "SIGPIPE")]
    [TestCase(OsFamily.Linux, "SO_NOSIGPIPE")]
    public void WhatAFamilyLacksIsNull(OsFamily os, string name) =>
        Assert.That(typeof(SocketConstants).GetProperty(name)!.GetValue(SocketConstants.For(os)), Is.Null);

    [Test]
    public void BsdSockaddrsCarryALengthByteLinuxAndWindowsDoNot()
    {
        Assert.That(SocketConstants.For(OsFamily.MacOS).SockaddrHasLen, Is.True);
        Assert.That(SocketConstants.For(OsFamily.FreeBsd).SockaddrHasLen, Is.True);
        Assert.That(SocketConstants.For(OsFamily.Linux).SockaddrHasLen, Is.False);
        Assert.That(SocketConstants.For(OsFamily.Windows).SockaddrHasLen, Is.False);
    }

    [Test]
    public void ThisProcessUsesTheTablesOfItsOwnFamily() =>
        Assert.That(Sys.C, Is.SameAs(SocketConstants.For(OsFamilies.Current)));
}
