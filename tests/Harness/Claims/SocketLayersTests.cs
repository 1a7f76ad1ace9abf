using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Harness.Tests.Claims;

/// <summary>The socket every layer's calls go through: each layer the model knows has one, and each answers the
/// same call the same way where the OS does (a connection over loopback, a refused connect), and says so where its
/// API cannot show an outcome.</summary>
public sealed class SocketLayersTests
{
    private static IEnumerable<string> AllLayers => Layers.All.Select(l => l.Name);

    [TestCaseSource(nameof(AllLayers))]
    public void EveryLayerConnectsAcceptsAndCarriesBytesOverLoopback(string name)
    {
        var layer = Layers.Of(name);
        using var listener = Sockets.Open(layer, AddressFamily.InterNetwork, SocketType.Stream);
        Assert.That(listener.Bind(new IPEndPoint(IPAddress.Loopback, 0)).Ok && listener.Listen(4).Ok, "bind and listen");
        using var client = Sockets.Open(layer, AddressFamily.InterNetwork, SocketType.Stream);
        Assert.That(client.Connect(listener.LocalEndPoint).Ok, "connect");
        var (accepted, server, from) = listener.Accept();
        using (server)
        {
            Assert.That(accepted.Ok, "accept");
            Assert.That(from, Is.EqualTo(client.LocalEndPoint), "accept() gives the client's address");
            Assert.That(server!.PeerName(), Is.EqualTo(client.LocalEndPoint), "getpeername gives it too");
            Assert.That(client.Write([7]).Value, Is.EqualTo(1));
            var buffer = new byte[4];
            Assert.That((server.Read(buffer).Value, buffer[0]), Is.EqualTo((1L, (byte)7)));
        }
    }

    [TestCaseSource(nameof(AllLayers))]
    public void EveryLayerReportsARefusedConnectByItsPosixName(string name)
    {
        var layer = Layers.Of(name);
        using var holder = Sockets.Open(layer, AddressFamily.InterNetwork, SocketType.Stream);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0)).Expect("bind");
        using var client = Sockets.Open(layer, AddressFamily.InterNetwork, SocketType.Stream);
        Assert.That(client.Connect(holder.LocalEndPoint).Error?.Name, Is.EqualTo("ECONNREFUSED"));
    }

    /// <summary>Socket.Close returns nothing: the .NET layers close, and say the outcome is not visible, never "OK".</summary>
    [TestCaseSource(nameof(AllLayers))]
    public void CloseIsAnOutcomeOnlyWhereTheLayerShowsOne(string name)
    {
        var layer = Layers.Of(name);
        using var socket = Sockets.Open(layer, AddressFamily.InterNetwork, SocketType.Stream);
        var closed = socket.Close();
        Assert.That(closed.NotVisible is null, Is.EqualTo(layer == Layers.Raw), closed.NotVisible ?? "raw close() answers");
    }
}
