using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Managed;
using Conformance.Fixtures.Native;
using Dotnet = Conformance.Fixtures.Managed.Managed;

namespace Conformance.Fixtures.SocketLayers;

/// <summary>The .NET layer: System.Net.Sockets' synchronous methods. A SocketException is the observation (its
/// SocketError by POSIX name, see <see cref="SocketErrors"/>); anything else the runtime throws breaks the scenario.
/// The Task-based layer overrides only the calls that have a Task-based form.</summary>
public class DotnetSocket(Socket socket) : LayerSocket
{
    public Socket Socket { get; } = socket;

    public override nint Handle => Socket.Handle;

    public override IPEndPoint LocalEndPoint => (IPEndPoint)Socket.LocalEndPoint!;

    public override SysResult Bind(IPEndPoint at) => Dotnet.Call(() => Socket.Bind(at));

    public override SysResult Listen(int backlog) => Dotnet.Call(() => Socket.Listen(backlog));

    public override SysResult Connect(IPEndPoint to) => Dotnet.Call(() => Socket.Connect(to));

    public override (SysResult Result, LayerSocket? Socket, IPEndPoint? From) Accept()
    {
        Socket? accepted = null;
        var result = Dotnet.Call(() => accepted = Socket.Accept());
        return (result, accepted is null ? null : Wrap(accepted), (IPEndPoint?)accepted?.RemoteEndPoint);
    }

    public override SysResult Read(byte[] buffer) => Receive(buffer);

    public override SysResult Write(byte[] data) => Send(data);

    public override SysResult Receive(byte[] buffer, SocketFlags flags = SocketFlags.None) => Dotnet.Call(() => Socket.Receive(buffer, flags));

    public override SysResult Send(byte[] data, SocketFlags flags = SocketFlags.None) => Dotnet.Call(() => Socket.Send(data, flags));

    public override SysResult SendTo(byte[] data, IPEndPoint to) => Dotnet.Call(() => Socket.SendTo(data, to));

    public override (SysResult Result, IPEndPoint? From) ReceiveFrom(byte[] buffer)
    {
        EndPoint from = Any;
        var result = Dotnet.Call(() => Socket.ReceiveFrom(buffer, ref from));
        return (result, result.Ok ? (IPEndPoint)from : null);
    }

    public override SysResult ReceiveMessage(byte[] buffer, out bool truncated)
    {
        var flags = SocketFlags.None;
        EndPoint from = Any;
        var result = Dotnet.Call(() => Socket.ReceiveMessageFrom(buffer, ref flags, ref from, out _));
        truncated = flags.HasFlag(SocketFlags.Truncated);
        return result;
    }

    public override SysResult Available() => Dotnet.Call(() => Socket.Available);

    /// <summary>The wildcard of the socket's family, where a call wants an EndPoint to fill in.</summary>
    protected IPEndPoint Any => new(Socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    public override SysResult AtMark() => Dotnet.Call(() =>
    {
        var result = new byte[4];
        Socket.IOControl(IOControlCode.OobDataRead, null, result);
        return BitConverter.ToInt32(result);
    });

    public override SysResult Shutdown(SocketShutdown how) => Dotnet.Call(() => Socket.Shutdown(how));

    /// <summary>Socket.Close returns nothing and throws nothing: the socket is closed, but what close() answered
    /// cannot be seen from C#, so the observation is left out with that reason.</summary>
    public override SysResult Close()
    {
        Socket.Close();
        return SysResult.Invisible("Socket.Close returns nothing and never fails: what close() answered is not visible through System.Net.Sockets");
    }

    public override SysResult SetOption(SocketOptionLevel level, SocketOptionName name, int value) =>
        Dotnet.Call(() => Socket.SetSocketOption(level, name, value));

    public override SysResult GetOption(SocketOptionLevel level, SocketOptionName name) =>
        Dotnet.Call(() => (long)(int)Socket.GetSocketOption(level, name)!);

    public override SysResult SetMulticastInterface(IPAddress address) =>
        Dotnet.Call(() => Socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, address.GetAddressBytes()));

    public override SysResult JoinGroup(IPAddress group, IPAddress on) =>
        Dotnet.Call(() => Socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, on)));

    public override SysResult SetLinger(bool on, int seconds) => Dotnet.Call(() => Socket.LingerState = new LingerOption(on, seconds));

    public override (SysResult Result, int OnOff, int Seconds) GetLinger()
    {
        LingerOption? linger = null;
        var result = Dotnet.Call(() => linger = Socket.LingerState);
        return (result, linger?.Enabled == true ? 1 : 0, linger?.LingerTime ?? 0);
    }

    public override SysResult SetNonBlocking(bool on) => Dotnet.Call(() => Socket.Blocking = !on);

    public override string PendingError() => Dotnet.PendingError(Socket)?.Name ?? "0";

    public override bool ConnectSettled(int limitMs) => Dotnet.ConnectSettled(Socket, limitMs);

    /// <summary>A real getpeername(): a Socket made from the descriptor asks the OS for the peer's address
    /// (Socket(SafeSocketHandle) loads RemoteEndPoint from the handle), where RemoteEndPoint on the accepted Socket
    /// is only the address accept() returned, kept.</summary>
    public override IPEndPoint? PeerName()
    {
        using var view = new Socket(new SafeSocketHandle(Socket.Handle, ownsHandle: false));
        return (IPEndPoint?)view.RemoteEndPoint;
    }

    public override void Dispose() => Socket.Dispose();

    protected virtual LayerSocket Wrap(Socket accepted) => new DotnetSocket(accepted);
}
