using Conformance.Fixtures.SocketLayers;

namespace Conformance.Fixtures.Peers;

/// <summary>Leaves a connection in TIME_WAIT on a known port, as gVisor's SetupTimeWaitClose does: the active
/// closer shuts down its side, the passive side sees EOF and closes, and once the active side has read the
/// passive FIN (so its ACK is sent and it is in TIME_WAIT) it closes its descriptor. At any layer: a layer-specific
/// body hands its sockets over wrapped (<see cref="RawLayerSocket"/>, <see cref="DotnetSocket"/>).</summary>
public static class TimeWait
{
    public static void ActiveClose(LayerSocket active, LayerSocket passive)
    {
        active.Shutdown(System.Net.Sockets.SocketShutdown.Send).Expect("shutdown(SHUT_WR) on the active closer");
        Wait.For(passive, Wait.Readable, "the active closer's FIN");
        passive.Receive(new byte[1]).Expect("recv() of EOF on the passive side");
        Peer.CloseWithFin(passive);
        Wait.For(active, Wait.Readable, "the passive side's FIN");
        active.Receive(new byte[1]).Expect("recv() of EOF on the active closer");
        Peer.CloseWithFin(active);
    }
}
