using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.SocketLayers;

/// <summary>A socket as a claim's one body uses it, whichever layer makes the calls: the calls the FAQ speaks of,
/// each answering what the layer answered (a value, or an error by its POSIX name). The raw layer makes the OS's own
/// calls (<see cref="RawLayerSocket"/>), the .NET layers System.Net.Sockets' synchronous methods
/// (<see cref="DotnetSocket"/>) or its Task-based ones (<see cref="DotnetAsyncSocket"/>). A call whose outcome a layer
/// cannot show (Socket.Close returns nothing; the Task-based methods have no non-blocking mode) answers
/// <see cref="SysResult.Invisible"/> with the reason: the key is left out of the cell, never an invented value.</summary>
public abstract class LayerSocket : IDisposable
{
    /// <summary>The descriptor (a SOCKET on Windows), for the helpers that wait on the OS (poll, the TCP state):
    /// pacing the scenario, never an observation.</summary>
    public abstract nint Handle { get; }

    public abstract IPEndPoint LocalEndPoint { get; }

    public int Port => LocalEndPoint.Port;

    /// <summary>The raw layer's socket under this one, for what only the raw layer can do (dup(), a signal mask, TCP_INFO,
    /// an option System.Net.Sockets does not name): a call on the raw layer, not a second stack of helpers.</summary>
    public RawSocket AsRaw() => this is RawLayerSocket raw ? raw.Raw
        : throw new InvalidOperationException($"{GetType().Name} is not the raw layer's: a body that needs the raw calls runs at the raw layer only");

    /// <summary>The System.Net.Sockets Socket under this one, for a body written for the .NET API where its calls really
    /// differ from the others' (NetworkStream, Socket.Poll's modes).</summary>
    public Socket AsSocket() => this is DotnetSocket dotnet ? dotnet.Socket
        : throw new InvalidOperationException($"{GetType().Name} is not a .NET layer's: a body that needs Socket runs at the .NET layers only");

    public abstract SysResult Bind(IPEndPoint at);

    public abstract SysResult Listen(int backlog);

    public abstract SysResult Connect(IPEndPoint to);

    /// <summary>accept(): the new connection and the peer's address as accept() returned it (RemoteEndPoint of the
    /// accepted Socket, which is that address, kept), or the error; the caller disposes the socket.</summary>
    public abstract (SysResult Result, LayerSocket? Socket, IPEndPoint? From) Accept();

    /// <summary>read() of the raw layer; Receive at the .NET layers, which have no other.</summary>
    public abstract SysResult Read(byte[] buffer);

    public SysResult Read(int count) => Read(new byte[count]);

    /// <summary>write() of the raw layer; Send at the .NET layers, which have no other.</summary>
    public abstract SysResult Write(byte[] data);

    /// <summary>recv() with flags (MSG_PEEK, MSG_OOB); Receive with the matching SocketFlags.</summary>
    public abstract SysResult Receive(byte[] buffer, SocketFlags flags = SocketFlags.None);

    /// <summary>send() with flags (MSG_OOB); Send with the matching SocketFlags.</summary>
    public abstract SysResult Send(byte[] data, SocketFlags flags = SocketFlags.None);

    public abstract SysResult SendTo(byte[] data, IPEndPoint to);

    public abstract (SysResult Result, IPEndPoint? From) ReceiveFrom(byte[] buffer);

    /// <summary>recvmsg(), with whether MSG_TRUNC came back; ReceiveMessageFrom and SocketFlags.Truncated.</summary>
    public abstract SysResult ReceiveMessage(byte[] buffer, out bool truncated);

    /// <summary>FIONREAD: the bytes queued to read; Socket.Available.</summary>
    public abstract SysResult Available();

    /// <summary>SIOCATMARK: 1 when the read pointer is at the urgent mark; IOControlCode.OobDataRead at the .NET layers,
    /// whose answer is the runtime's (inverted on Windows, as Winsock's own is).</summary>
    public abstract SysResult AtMark();

    public abstract SysResult Shutdown(SocketShutdown how);

    public abstract SysResult Close();

    /// <summary>An integer (or boolean) option, named as System.Net.Sockets names it.</summary>
    public abstract SysResult SetOption(SocketOptionLevel level, SocketOptionName name, int value);

    public abstract SysResult GetOption(SocketOptionLevel level, SocketOptionName name);

    /// <summary>IP_MULTICAST_IF: the interface an IPv4 multicast datagram leaves by (MulticastInterface).</summary>
    public abstract SysResult SetMulticastInterface(IPAddress address);

    /// <summary>IP_ADD_MEMBERSHIP: joins the IPv4 <paramref name="group"/> on the interface of <paramref name="on"/>
    /// (AddMembership with a MulticastOption).</summary>
    public abstract SysResult JoinGroup(IPAddress group, IPAddress on);

    /// <summary>SO_LINGER; LingerState.</summary>
    public abstract SysResult SetLinger(bool on, int seconds);

    /// <summary>SO_LINGER read back: l_onoff and l_linger; LingerState's Enabled and LingerTime.</summary>
    public abstract (SysResult Result, int OnOff, int Seconds) GetLinger();

    /// <summary>O_NONBLOCK (FIONBIO on Windows); Blocking = false. A layer whose calls have no non-blocking form (the
    /// Task-based methods) answers <see cref="SysResult.Invisible"/> with the reason.</summary>
    public abstract SysResult SetNonBlocking(bool on);

    /// <summary>SO_ERROR: the pending error by name, or "0"; reading it clears it.</summary>
    public abstract string PendingError();

    /// <summary>Whether a non-blocking connect has settled within <paramref name="limitMs"/>: the socket is writable, or
    /// in error (Winsock reports a failed connect only in the error set; poll() reports it with POLLOUT elsewhere). A
    /// wait that paces the scenario, not an observation.</summary>
    public abstract bool ConnectSettled(int limitMs);

    /// <summary>getpeername(): the peer's address as the OS reports it now, or null when the call fails.</summary>
    public abstract IPEndPoint? PeerName();

    public abstract void Dispose();
}
