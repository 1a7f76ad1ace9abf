using System.Net;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>A loopback port that refuses connections: bound, so no one else gets it, but not listening. Held by a raw
/// socket whatever the claim's layer: the holder is the scenario's setup, not what it observes.</summary>
public sealed class RefusingEndpoint : IDisposable
{
    private readonly RawSocket _holder;

    private RefusingEndpoint(RawSocket holder) => _holder = holder;

    public IPEndPoint EndPoint => _holder.LocalEndPoint;

    public static RefusingEndpoint Tcp() =>
        new(RawSocket.Tcp(Loopback.Family.AddressFamily).SetUp(holder => holder.Bind(Loopback.AnyPort).Expect("bind() to a loopback port the OS picks")));

    public void Dispose() => _holder.Dispose();
}
