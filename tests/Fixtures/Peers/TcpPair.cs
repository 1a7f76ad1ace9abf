using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>A connected TCP pair on loopback, in the family of the claim running now (see <see cref="Loopback"/>): the client that connect()ed and the server socket accept()
/// returned. The listener is closed once the connection is accepted, unless the scenario keeps it.</summary>
public sealed class TcpPair : IDisposable
{
    private TcpPair(RawSocket client, RawSocket server, RawSocket? listener)
    {
        Client = client;
        Server = server;
        Listener = listener;
    }

    public RawSocket Client { get; }
    public RawSocket Server { get; }
    public RawSocket? Listener { get; }

    /// <summary>The server's port, which TIME_WAIT and rebinding scenarios try to bind again.</summary>
    public int ServerPort => Server.Port;

    public static TcpPair Connect(bool keepListener = false, bool reuseAddress = false)
    {
        var listener = Loopback.Listener(reuseAddress: reuseAddress);
        RawSocket? client = null;
        try
        {
            return Connect(listener, keepListener, ref client);
        }
        catch
        {
            client?.Dispose();
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Connects a fresh client to <paramref name="listener"/> and accepts it.</summary>
    public static TcpPair ConnectTo(RawSocket listener, RawSocket? boundClient = null)
    {
        var client = boundClient;
        try
        {
            return Connect(listener, keepListener: true, ref client, ownsListener: false);
        }
        catch
        {
            client?.Dispose();
            throw;
        }
    }

    private static TcpPair Connect(RawSocket listener, bool keepListener, ref RawSocket? client, bool ownsListener = true)
    {
        client ??= RawSocket.Tcp(listener.LocalEndPoint.AddressFamily);
        client.Connect(listener.LocalEndPoint).Expect("connect() to the loopback listener");
        Wait.For(listener, Wait.Readable, "the pending connection");
        var (accepted, server, _) = listener.Accept();
        accepted.Expect("accept()");
        if (!keepListener && ownsListener)
        {
            listener.Dispose();
        }

        return new TcpPair(client, server!, keepListener && ownsListener ? listener : null);
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        Listener?.Dispose();
    }
}
