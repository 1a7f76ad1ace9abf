using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Tables;

namespace Conformance.Harness.Tests.Native;

/// <summary>Native error numbers turn into the portable names the claims speak of (errno.h of each family,
/// winerror.h for Winsock).</summary>
public sealed class ErrnoTableTests
{
    [TestCase(OsFamily.Linux, 32, "EPIPE")]
    [TestCase(OsFamily.Linux, 104, "ECONNRESET")]
    [TestCase(OsFamily.Linux, 11, "EAGAIN")]
    [TestCase(OsFamily.Linux, 115, "EINPROGRESS")]
    [TestCase(OsFamily.Linux, 98, "EADDRINUSE")]
    [TestCase(OsFamily.Linux, 111, "ECONNREFUSED")]
    [TestCase(OsFamily.Linux, 71, "EPROTO")]
    [TestCase(OsFamily.MacOS, 35, "EAGAIN")]
    [TestCase(OsFamily.MacOS, 36, "EINPROGRESS")]
    [TestCase(OsFamily.MacOS, 48, "EADDRINUSE")]
    [TestCase(OsFamily.MacOS, 54, "ECONNRESET")]
    [TestCase(OsFamily.MacOS, 61, "ECONNREFUSED")]
    [TestCase(OsFamily.MacOS, 100, "EPROTO")]
    [TestCase(OsFamily.MacOS, 102, "EOPNOTSUPP")]
    [TestCase(OsFamily.FreeBsd, 35, "EAGAIN")]
    [TestCase(OsFamily.FreeBsd, 54, "ECONNRESET")]
    [TestCase(OsFamily.FreeBsd, 92, "EPROTO")]
    [TestCase(OsFamily.FreeBsd, 45, "EOPNOTSUPP")]
    [TestCase(OsFamily.Windows, 10054, "ECONNRESET")]
    [TestCase(OsFamily.Windows, 10035, "EAGAIN")]
    [TestCase(OsFamily.Windows, 10048, "EADDRINUSE")]
    [TestCase(OsFamily.Windows, 10061, "ECONNREFUSED")]
    [TestCase(OsFamily.Windows, 10053, "ECONNABORTED")]
    public void NativeNumberHasItsPortableName(OsFamily os, int native, string portable) =>
        Assert.That(ErrnoTables.For(os).FromNative(native).Name, Is.EqualTo(portable));

    [Test]
    public void WinsockKeepsItsOwnNameBesideThePortableOne()
    {
        var error = ErrnoTables.For(OsFamily.Windows).FromNative(10054);
        Assert.That((error.Name, error.NativeName, error.Native), Is.EqualTo(("ECONNRESET", "WSAECONNRESET", 10054)));
        Assert.That(error.ToString(), Is.EqualTo("ECONNRESET (WSAECONNRESET 10054)"));
    }

    [Test]
    public void AnUnknownNumberIsNamedByItsNumber() =>
        Assert.That(ErrnoTables.For(OsFamily.Linux).FromNative(4242).Name, Is.EqualTo("errno 4242"));

    [TestCase(OsFamily.Linux)]
    [TestCase(OsFamily.MacOS)]
    [TestCase(OsFamily.FreeBsd)]
    [TestCase(OsFamily.Windows)]
    public void EveryFamilyNamesTheErrorsTheClaimsExpect(OsFamily os)
    {
        string[] needed = ["EPIPE", "ECONNRESET", "EAGAIN", "EINPROGRESS", "EADDRINUSE", "ECONNREFUSED", "EINVAL", "EACCES", "EINTR", "EMSGSIZE", "EDESTADDRREQ", "ENOTCONN", "ECONNABORTED", "EAFNOSUPPORT"];
        if (os == OsFamily.Windows)
        {
            needed = needed.Except(["EPIPE"]).ToArray(); // Winsock has no WSAEPIPE: a send on a reset connection gives WSAECONNRESET
        }

        var table = ErrnoTables.For(os);
        var portable = table.Numbers.Values.Select(n => table.FromNative(n).Name).ToHashSet();
        Assert.That(needed.Where(n => !portable.Contains(n)), Is.Empty);
    }

    [TestCase(OsFamily.Linux)]
    [TestCase(OsFamily.MacOS)]
    [TestCase(OsFamily.FreeBsd)]
    [TestCase(OsFamily.Windows)]
    public void NoTwoNamesShareANumber(OsFamily os)
    {
        var duplicates = ErrnoTables.For(os).Numbers.GroupBy(p => p.Value).Where(g => g.Count() > 1).Select(g => string.Join("=", g.Select(p => p.Key)));
        Assert.That(duplicates, Is.Empty);
    }
}
