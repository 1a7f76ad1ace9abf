using Conformance.Harness.Matrix;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>A reference on the page links each source it names to where it can be read, and keeps its text.</summary>
public sealed class ReferencesTests
{
    [TestCase("dotnet/runtime src/native/libs/System.Native/pal_networking.c SystemNative_Bind",
        "https://github.com/dotnet/runtime/blob/main/src/native/libs/System.Native/pal_networking.c")]
    [TestCase("gVisor pkg/sentry/syscalls/linux/error.go (EPIPE)", "https://github.com/google/gvisor/blob/master/pkg/sentry/syscalls/linux/error.go")]
    [TestCase("XNU bsd/kern/sys_socket.c soo_write()", "https://github.com/apple-oss-distributions/xnu/blob/main/bsd/kern/sys_socket.c")]
    [TestCase("freebsd-src commit 49eabd405f66 (D50830)", "https://github.com/freebsd/freebsd-src/commit/49eabd405f66")]
    [TestCase("Microsoft Learn: Winsock IOCTLs, SIO_UDP_CONNRESET; golang/go#68614", "https://github.com/golang/go/issues/68614")]
    [TestCase("RFC 791; net/ipv4/ip_output.c __ip_append_data()", "https://github.com/torvalds/linux/blob/master/net/ipv4/ip_output.c")]
    [TestCase("see https://example.org/a?b=c; and more", "https://example.org/a?b=c")]
    public void EachSourceNamedIsLinkedAndTheTextKept(string reference, string address)
    {
        var html = References.Html(reference);
        Assert.That(html, Does.Contain($"href=\"{System.Net.WebUtility.HtmlEncode(address)}\""));
        Assert.That(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""), Is.EqualTo(System.Net.WebUtility.HtmlEncode(reference)));
    }

    [Test]
    public void APathInsideALongerSourceIsLinkedOnce() =>
        Assert.That(References.Html("XNU bsd/net/if.c"), Does.Contain("apple-oss-distributions").And.Not.Contain("torvalds"));
}
