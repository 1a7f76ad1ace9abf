using System.Net;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Fixtures.Peers;

/// <summary>A loopback listener nobody accepts on, its queue filled until a connection attempt is left waiting: the
/// stack drops that SYN, as it drops every later one, so a connect() to <see cref="EndPoint"/> waits (FAQ 3.3, 3.5).
/// Backlog 1, not 0: XNU turns listen(0) into the system maximum (solisten: backlog &lt;= 0 -&gt; somaxconn).</summary>
public sealed class FullListener : IDisposable
{
    private readonly LayerSocket _listener;
    private readonly List<LayerSocket> _clients = [];

    private FullListener(LayerSocket listener) => _listener = listener;

    public IPEndPoint EndPoint => _listener.LocalEndPoint;

    /// <summary>The non-blocking connection attempt that found the queue full and waits, and what its connect() said.</summary>
    public (LayerSocket Socket, SysResult Connect) Waiting { get; private set; }

    /// <summary>A full listener, or null where every handshake completes: FreeBSD's syncache completes each one and resets
    /// those the full queue cannot take (net.inet.tcp.syncache.rst_on_sock_fail), so no connect is left waiting on loopback.</summary>
    public static FullListener? Make()
    {
        var full = new FullListener(Sockets.Listener(backlog: 1));
        try
        {
            while (full._clients.Count < 16)
            {
                var client = Sockets.Tcp();
                full._clients.Add(client);
                client.SetNonBlocking(true).Expect("O_NONBLOCK");
                var connect = client.Connect(full.EndPoint);
                if (!client.ConnectSettled(100))
                {
                    full.Waiting = (client, connect);
                    return full;
                }
            }
        }
        catch
        {
            full.Dispose();
            throw;
        }

        full.Dispose();
        return null;
    }

    /// <summary>Why a claim that needs a waiting connect cannot be asked here.</summary>
    public const string NoneWaits = "16 connections to a listener with backlog 1 all completed their handshake: this stack "
        + "leaves no connect() waiting on loopback";

    /// <summary>Closes the listener: the waiting connects' next SYN is answered with an RST, which ends them.</summary>
    public void Refuse() => _listener.Close();

    public void Dispose()
    {
        _clients.ForEach(c => c.Dispose());
        _listener.Dispose();
    }
}
