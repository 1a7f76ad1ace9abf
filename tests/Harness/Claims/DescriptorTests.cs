using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;

namespace Conformance.Harness.Tests.Claims;

public sealed class DescriptorTests
{
    [Test]
    public void ASocketLeftOpenIsReported()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("the leak check reads /proc/self/fd, which only Linux has");
        }

        var before = Descriptors.Open();
        using var socket = RawSocket.Tcp();
        Assert.That(Descriptors.Leaked(before), Does.StartWith("the scenario left 1 socket(s) open"));
        socket.Close();
        Assert.That(Descriptors.Leaked(before), Is.Null);
    }
}
