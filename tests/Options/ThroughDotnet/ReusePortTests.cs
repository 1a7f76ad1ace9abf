using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Options.ThroughDotnet;

/// <summary>FAQ 4.11 through System.Net.Sockets: a body of its own because the APIs differ, Socket has no SO_REUSEPORT
/// and on Unix its ReuseAddress option is the one that sets it.</summary>
public sealed class ReusePortTests : ClaimTest
{
    private static Socket WithReuseAddress(Socket socket)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        return socket;
    }

    /// <summary>Socket has no SO_REUSEPORT of its own: on Unix its ReuseAddress option is the one that sets it.</summary>
    [Claim("opt.reuseport", Layer = "dotnet")]
    public void ReuseAddressAllowsASharedPortOnlyIfAllSetIt()
    {
        Observe("both", SecondBind(firstSets: true));
        Observe("first-without", SecondBind(firstSets: false));
    }

    private static string SecondBind(bool firstSets)
    {
        using var first = Sockets.Tcp();
        if (firstSets)
        {
            WithReuseAddress(first.AsSocket());
        }

        first.AsSocket().Bind(Loopback.AnyPort);
        using var second = Sockets.Tcp();
        WithReuseAddress(second.AsSocket());
        return Managed.Call(() => second.AsSocket().Bind(first.LocalEndPoint)).OkOrError;
    }
}
