using Conformance.Fixtures.Native;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Fixtures.Peers;

/// <summary>Reading what a UDP socket has queued.</summary>
public static class Datagrams
{
    /// <summary>As <see cref="Drain(RawSocket, int, int)"/> at any layer, without a non-blocking mode (which the
    /// Task-based methods lack): a datagram is read only once poll() says one is there, so no read waits.</summary>
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

    /// <summary>Waits for the first datagram, then reads every datagram queued until the socket would block.
    /// <paramref name="expected"/> is how many the scenario waits for at most; the rest are what is already there.</summary>
    public static List<byte[]> Drain(RawSocket socket, int expected, int bufferSize = 65536)
    {
        var datagrams = new List<byte[]>();
        var buffer = new byte[bufferSize];
        if (Wait.Within(socket, Wait.Readable, Wait.ExpectedMs) == 0)
        {
            return datagrams;
        }

        socket.SetNonBlocking(true);
        try
        {
            while (true)
            {
                var n = socket.Recv(buffer);
                if (!n.Ok)
                {
                    if (datagrams.Count < expected && n.Error!.Name == "EAGAIN" && Wait.Within(socket, Wait.Readable, 200) != 0)
                    {
                        continue; // one of the expected datagrams is still on its way
                    }

                    return datagrams;
                }

                datagrams.Add(buffer[..(int)n.Value]);
            }
        }
        finally
        {
            socket.SetNonBlocking(false);
        }
    }
}
