using Conformance.Fixtures.SocketLayers;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Peers;

namespace Conformance.Harness.Tests.Native;

/// <summary>The raw layer's sharp edges, each with the test that would have caught it: every hand-marshalled
/// structure pinned to its headers for each family, the calls that return their error instead of setting
/// errno, the accept path when decoding fails, one place for the C library's name, and no 32-bit process.</summary>
public sealed class RawLayerTests
{
    [TestCase(OsFamily.Linux, 56, 16, 24, 8, 48)]   // glibc/musl bits/socket.h: size_t msg_iovlen, msg_controllen
    [TestCase(OsFamily.MacOS, 48, 16, 24, 4, 44)]   // xnu bsd/sys/socket.h: int msg_iovlen, socklen_t msg_controllen
    [TestCase(OsFamily.FreeBsd, 48, 16, 24, 4, 44)] // sys/sys/socket.h: int msg_iovlen, socklen_t msg_controllen
    public void MsghdrMatchesEachFamilysHeader(OsFamily os, int size, int iov, int iovLen, int iovLenSize, int flags) =>
        Assert.That(StructLayouts.MsgHdr(os), Is.EqualTo((size, iov, iovLen, iovLenSize, flags)));

    [TestCase(OsFamily.Linux, 8, 4, 6)]
    [TestCase(OsFamily.MacOS, 8, 4, 6)]
    [TestCase(OsFamily.FreeBsd, 8, 4, 6)]
    [TestCase(OsFamily.Windows, 16, 8, 10)] // WSAPOLLFD: an 8-byte SOCKET first
    public void PollfdMatchesEachFamilysHeader(OsFamily os, int size, int events, int revents) =>
        Assert.That(StructLayouts.PollFd(os), Is.EqualTo((size, events, revents)));

    [TestCase(OsFamily.Linux, 8, 4)]
    [TestCase(OsFamily.MacOS, 8, 4)]
    [TestCase(OsFamily.FreeBsd, 8, 4)]
    [TestCase(OsFamily.Windows, 4, 2)] // struct linger { u_short l_onoff; u_short l_linger; }
    public void LingerMatchesEachFamilysHeader(OsFamily os, int size, int linger) =>
        Assert.That(StructLayouts.Linger(os), Is.EqualTo((size, linger)));

    [TestCase(OsFamily.Linux, 128, 0)]
    [TestCase(OsFamily.MacOS, 128, 0)]
    [TestCase(OsFamily.FreeBsd, 128, 0)]
    [TestCase(OsFamily.Windows, 520, 8)]
    public void FdSetMatchesEachFamilysHeader(OsFamily os, int size, int array) =>
        Assert.That(StructLayouts.FdSet(os), Is.EqualTo((size, array)));

    [TestCase(OsFamily.Linux, 65, 6)]    // include/uapi/linux/utsname.h __NEW_UTS_LEN + 1
    [TestCase(OsFamily.MacOS, 256, 5)]   // xnu bsd/sys/utsname.h _SYS_NAMELEN
    [TestCase(OsFamily.FreeBsd, 256, 5)] // sys/sys/utsname.h SYS_NMLN
    public void UtsnameMatchesEachFamilysHeader(OsFamily os, int field, int fields) =>
        Assert.That(Uname.Layout(os), Is.EqualTo((field, fields)));

    [Test]
    public void HostentAndServentFieldsFollowTwoPointers()
    {
        Assert.That(StructLayouts.HostEnt, Is.EqualTo((20, 24)));
        Assert.That(StructLayouts.ServEntPortOffset, Is.EqualTo(16));
    }

    [Test]
    public void TheLinuxKernelReleaseReadsFromTheThirdField()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("uname's release is compared with /proc here");
        }

        Assert.That(Uname.Release(), Is.EqualTo(File.ReadAllText("/proc/sys/kernel/osrelease").Trim()));
    }

    [Test]
    public void AThirtyTwoBitProcessIsRefusedWithAClearMessage()
    {
        Assert.That(() => StructLayouts.RequireSixtyFourBits(4),
            Throws.TypeOf<PlatformNotSupportedException>().With.Message.Contains("64-bit processes").And.Message.Contains("32-bit"));
        Assert.That(() => StructLayouts.RequireSixtyFourBits(8), Throws.Nothing);
    }

    [Test]
    public void PthreadErrorsAreTheReturnedNumberNotTheLastErrno()
    {
        if (!Sys.IsPosix)
        {
            Assert.Ignore("pthread_kill is POSIX");
        }

        // pthread_kill returns EINVAL for a signal that does not exist and leaves errno alone.
        Assert.That(() => PosixSignals.Send(PosixSignals.CurrentThread(), 9999),
            Throws.TypeOf<ScenarioException>().With.Message.EqualTo("pthread_kill failed with EINVAL"));
    }

    [Test]
    public void AnAcceptWhoseAddressCannotBeDecodedLeaksNothing()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("open sockets are counted through /proc/self/fd");
        }

        using var listener = Sockets.Listener().AsRaw();
        using var client = RawSocket.Tcp();
        client.Connect(listener.LocalEndPoint).Expect("connect()");
        Wait.For(listener, Wait.Readable, "the pending connection");
        var before = Descriptors.Open();

        Assert.That(() => listener.Accept(_ => throw new ScenarioException("undecodable")), Throws.TypeOf<ScenarioException>());
        Assert.That(Descriptors.Open(), Is.EquivalentTo(before), "the accepted descriptor was closed");
    }

    [Test]
    public void TheCLibraryIsNamedInOnePlaceWithMuslAndOldGlibcPthreads()
    {
        Assert.That(Libc.Candidates(OsFamily.Linux, pthread: false), Does.Contain("libc.so.6").And.Contain("libc.musl-x86_64.so.1"));
        Assert.That(Libc.Candidates(OsFamily.Linux, pthread: true)[0], Is.EqualTo("libpthread.so.0"), "glibc before 2.34 keeps the pthread calls there");
        Assert.That(Libc.Candidates(OsFamily.MacOS, pthread: true), Is.EqualTo(new[] { "/usr/lib/libSystem.B.dylib" }));
        Assert.That(Libc.Candidates(OsFamily.FreeBsd, pthread: false), Is.EqualTo(new[] { "libc.so.7" }));
    }
}
