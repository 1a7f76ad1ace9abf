using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;
using Dotnet = Conformance.Fixtures.Managed.Managed;

namespace Conformance.Fixtures.SocketLayers;

/// <summary>The .NET async layer: System.Net.Sockets' Task-based methods (ConnectAsync, AcceptAsync, SendAsync,
/// ReceiveAsync, ...), the path servers and HttpClient use. On Unix they make the socket non-blocking and complete
/// from the epoll/kqueue engine (SocketAsyncContext, SocketAsyncEngine); on Windows from an I/O completion port. Every
/// call is bounded by a cancellation token: a call that does not complete in time is an error of the scenario, never
/// a stuck run. What has no Task-based form (Bind, Listen, Shutdown, options) is the synchronous layer's.</summary>
public sealed class DotnetAsyncSocket(Socket socket) : DotnetSocket(socket)
{
    /// <summary>How long one call may take: anything a claim waits for on loopback comes well within it.</summary>
    public const int BoundMs = 2 * Wait.ExpectedMs;

    public override SysResult Connect(IPEndPoint to) => Await("ConnectAsync", async token =>
    {
        await Socket.ConnectAsync(to, token);
        return 0;
    });

    public override (SysResult Result, LayerSocket? Socket, IPEndPoint? From) Accept()
    {
        Socket? accepted = null;
        var result = Await("AcceptAsync", async token =>
        {
            accepted = await Socket.AcceptAsync(token);
            return 0;
        });
        return (result, accepted is null ? null : Wrap(accepted), (IPEndPoint?)accepted?.RemoteEndPoint);
    }

    public override SysResult Receive(byte[] buffer, SocketFlags flags = SocketFlags.None) =>
        Await("ReceiveAsync", token => Socket.ReceiveAsync(buffer, flags, token));

    public override SysResult Send(byte[] data, SocketFlags flags = SocketFlags.None) =>
        Await("SendAsync", token => Socket.SendAsync(data, flags, token));

    public override SysResult SendTo(byte[] data, IPEndPoint to) =>
        Await("SendToAsync", token => Socket.SendToAsync(data, SocketFlags.None, to, token));

    public override (SysResult Result, IPEndPoint? From) ReceiveFrom(byte[] buffer)
    {
        EndPoint? from = null;
        var result = Await("ReceiveFromAsync", async token =>
        {
            var received = await Socket.ReceiveFromAsync(buffer, SocketFlags.None, Any, token);
            from = received.RemoteEndPoint;
            return received.ReceivedBytes;
        });
        return (result, (IPEndPoint?)from);
    }

    /// <summary>The Task-based methods have no non-blocking form: Socket.Blocking changes only the synchronous methods.</summary>
    public override SysResult SetNonBlocking(bool on) => SysResult.Invisible(NoNonBlockingForm);

    public const string NoNonBlockingForm = "the Task-based methods have no non-blocking form: a call that would block is queued on the runtime's "
        + "event loop (an I/O completion port on Windows) and its Task completes later; Socket.Blocking changes only the synchronous methods";

    public override SysResult ReceiveMessage(byte[] buffer, out bool truncated)
    {
        var flags = SocketFlags.None;
        var result = Await("ReceiveMessageFromAsync", async token =>
        {
            var received = await Socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, Any, token);
            flags = received.SocketFlags;
            return received.ReceivedBytes;
        });
        truncated = flags.HasFlag(SocketFlags.Truncated);
        return result;
    }

    protected override LayerSocket Wrap(Socket accepted) => new DotnetAsyncSocket(accepted);

    /// <summary>Runs one Task-based call to its end, within <see cref="BoundMs"/>; the SocketException it ends with is
    /// the observation, as at the synchronous layer.</summary>
    private static SysResult Await(string call, Func<CancellationToken, ValueTask<int>> operation)
    {
        using var bound = new CancellationTokenSource(BoundMs);
        try
        {
            return Dotnet.Call(() => (long)operation(bound.Token).AsTask().GetAwaiter().GetResult());
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            throw new ScenarioException($"{call} did not complete within {BoundMs} ms");
        }
    }
}
