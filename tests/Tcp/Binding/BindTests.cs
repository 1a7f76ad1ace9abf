using System.Net;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Binding;

/// <summary>FAQ 2.2, 2.4 and 4.8: what bind() wants, and what to do when it fails.</summary>
public sealed class BindTests : ClaimTest
{
    /// <summary>At the .NET layers "close" is not observed: Socket.Close returns nothing.</summary>
    [Claim("tcp.close-after-failed-bind")]
    public void ADescriptorWhoseBindFailedCanSimplyBeClosed()
    {
        using var holder = Sockets.Listener();
        using var socket = Sockets.Tcp();
        ObserveOk("bind", socket.Bind(holder.LocalEndPoint));
        ObserveOk("close", socket.Close());
    }

    [Claim("tcp.bind-address-length")]
    public void BindWantsASockaddrInForAnInetSocket()
    {
        using (var ok = RawSocket.Tcp())
        {
            ObserveOk("ok", ok.Bind(Loopback.AnyPort));
        }

        using (var shortAddress = RawSocket.Tcp())
        {
            ObserveOk("short", shortAddress.BindRaw(Sys.SockAddr.Encode(Loopback.AnyPort).AsSpan(0, 8)));
        }

        using var wrongFamily = RawSocket.Tcp();
        ObserveOk("wrong-family", wrongFamily.BindRaw(Sys.SockAddr.Encode(new IPEndPoint(IPAddress.IPv6Loopback, 0))));
    }

    /// <summary>Port 1023 is fixed by the claim itself; on 127.0.0.1 only, and released at once.</summary>
    [Claim("tcp.privileged-port")]
    public void BindingAPortBelow1024NeedsRoot()
    {
        if (!Sys.IsPosix)
        {
            // Windows has no notion of a privileged port to drop privileges for: bind as the process is.
            using var plain = Sockets.Tcp();
            Observe("bind", plain.Bind(Loopback.Port(1023)).OkOrError);
            return;
        }

        if (!Privileges.CanRunUnprivileged)
        {
            throw Inconclusive("needs a non-root process: run the suite as an ordinary user (a root process drops privileges on its own thread only on Linux)");
        }

        Observe("bind", Privileges.AsNobody(() =>
        {
            using var socket = Sockets.Tcp();
            return socket.Bind(Loopback.Port(1023)).OkOrError;
        }));
    }
}
