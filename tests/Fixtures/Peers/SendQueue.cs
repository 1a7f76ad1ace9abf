using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Fixtures.Peers;

/// <summary>What a sender's kernel still holds for the peer: bytes stay in the send queue until acknowledged, so an empty
/// queue means the peer's kernel has everything, whether or not the peer has read it. Read on the handle of a socket of
/// any layer; it observes nothing the claim records.</summary>
public static class SendQueue
{
    /// <summary>Waits, bounded, until the peer has acknowledged everything <paramref name="sender"/> sent; inconclusive
    /// where the send queue cannot be read.</summary>
    public static void WaitAcknowledged(LayerSocket sender, string what)
    {
        bool Empty() => Read(sender.Handle) switch
        {
            ({ } queued, _) => queued == 0,
            (null, var why) => throw new ClaimNotObservedException(Verdict.Inconclusive, $"nothing here says when the peer has the data: {why}"),
        };

        if (!Wait.Until(Empty, Wait.ExpectedMs, stepMs: 1))
        {
            throw new ScenarioException($"{what} was not acknowledged within {Wait.ExpectedMs} ms");
        }
    }

    /// <summary>Waits until the peer has acknowledged what <paramref name="sender"/> sent or answered it with an RST (which
    /// makes the sender readable), bounded by <paramref name="limitMs"/>; where the queue cannot be read, the bound alone
    /// or the RST ends the wait. For data whose arrival nothing on the receiving side signals.</summary>
    public static void WaitAcknowledgedOrReset(LayerSocket sender, int limitMs)
    {
        bool Reset() => Wait.Within(sender, Wait.Readable, 0) != 0;
        if (Read(sender.Handle).Queued is not null)
        {
            Wait.Until(() => Read(sender.Handle).Queued == 0 || Reset(), limitMs, stepMs: 1);
        }
        else
        {
            Wait.Within(sender, Wait.Readable, limitMs);
        }
    }

    /// <summary>The bytes in the send queue, or null and why it cannot be read: no such call on this OS, or a kernel that
    /// refuses it (gVisor answers SIOCOUTQ with ENOPROTOOPT).</summary>
    private static (long? Queued, string? Why) Read(nint handle)
    {
        if (Sys.C.SIOCOUTQ is { } request)
        {
            var queued = 0;
            var result = Sys.Calls.Ioctl(handle, request, ref queued);
            return result.Ok ? (queued, null) : (null, $"ioctl(SIOCOUTQ) failed with {result}");
        }

        if (Sys.C.SO_NWRITE is { } nwrite)
        {
            Span<byte> value = stackalloc byte[4];
            var length = value.Length;
            var result = Sys.Calls.GetSockOpt(handle, Sys.C.SOL_SOCKET, nwrite, value, ref length);
            return result.Ok ? (BitConverter.ToInt32(value), null) : (null, $"getsockopt(SO_NWRITE) failed with {result}");
        }

        return (null, $"{Sys.Os} has no call that reads a socket's send queue");
    }
}
