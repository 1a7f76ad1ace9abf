using Conformance.Fixtures.SocketLayers;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Options.Reuse;

/// <summary>FAQ 4.11: SO_REUSEPORT lets several sockets bind one address and port, if every one of them sets it.</summary>
public sealed class ReusePortTests : ClaimTest
{
    [Claim("opt.reuseport", Layer = "raw")]
    public void ReuseportAllowsASharedPortOnlyIfAllSetIt()
    {
        var reusePort = Sys.C.SO_REUSEPORT ?? throw Unsupported("Winsock has no SO_REUSEPORT (SO_REUSEADDR plays part of its role there)");
        Observe("both", SecondBind(reusePort, firstSets: true));
        Observe("first-without", SecondBind(reusePort, firstSets: false));
    }

    private static string SecondBind(int reusePort, bool firstSets)
    {
        using var first = Sockets.Tcp().AsRaw();
        if (firstSets)
        {
            first.SetInt(Sys.C.SOL_SOCKET, reusePort, 1).Expect("setsockopt(SO_REUSEPORT) on the first");
        }

        first.Bind(Loopback.AnyPort).Expect("bind() of the first");
        using var second = Sockets.Tcp().AsRaw();
        second.SetInt(Sys.C.SOL_SOCKET, reusePort, 1).Expect("setsockopt(SO_REUSEPORT) on the second");
        return second.Bind(first.LocalEndPoint).OkOrError;
    }
}
