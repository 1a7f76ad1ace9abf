using System.Net;
using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>A loopback port that refuses connections: bound, so no one else gets it, but not listening.</summary>
public sealed class RefusingEndpoint : IDisposable
{
    private readonly RawSocket _holder;

    private RefusingEndpoint(RawSocket holder) => _holder = holder;

    public IPEndPoint EndPoint => _holder.LocalEndPoint;

    public static RefusingEndpoint Tcp() =>
        new(RawSocket.Tcp().SetUp(holder => holder.Bind(Loopback.AnyPort).Expect("bind(127.0.0.1:0)")));

    public void Dispose() => _holder.Dispose();
}
