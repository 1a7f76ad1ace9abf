using Conformance.Fixtures.SocketLayers;

namespace Conformance.Fixtures.Peers;

/// <summary>Reading what a UDP socket has queued.</summary>
public static class Datagrams
{
    /// <summary>Waits for the first datagram, then reads every datagram already queued, at any layer and without a
    /// non-blocking mode (which the Task-based methods lack): a datagram is read only once poll() says one is there, so
    /// no read waits. <paramref name="expected"/> is how many the scenario waits for at most (200 ms more for each
    /// still on its way); the rest are what is already there.</summary>
    public static List<byte[]> Drain(LayerSocket socket, int expected, int bufferSize = 65536)
    {
        var datagrams = new List<byte[]>();
        var buffer = new byte[bufferSize];
        var limitMs = Wait.ExpectedMs;
        while (Wait.Within(socket, Wait.Readable, limitMs) != 0)
        {
            var n = socket.Receive(buffer);
            if (!n.Ok)
            {
                return datagrams;
            }

            datagrams.Add(buffer[..(int)n.Value]);
            limitMs = datagrams.Count < expected ? 200 : 0; // one of the expected datagrams may still be on its way
        }

        return datagrams;
    }
}
