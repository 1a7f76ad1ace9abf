using Conformance.Fixtures.Native;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Fixtures.Peers;

/// <summary>Where a non-blocking connect() stands, in the words of FAQ 2.16's backlog claim: still waiting
/// (its SYN ignored), through to an accepted or queued connection, refused with an RST at once, or reset after
/// the handshake (FreeBSD's syncache completes it, then resets a connection the full queue cannot take).</summary>
public static class ConnectOutcome
{
    public const string Pending = "pending";
    public const string Established = "established";
    public const string Refused = "refused";
    public const string Reset = "reset";

    /// <summary>How many connects ended each way, in the order tcp.backlog-overflow records them.</summary>
    public static IEnumerable<(string Outcome, int Count)> Tally(IReadOnlyCollection<string> outcomes) =>
        new[] { Established, Pending, Refused, Reset }.Select(o => (o, outcomes.Count(s => s == o)));

    /// <summary>How long tcp.backlog-overflow lets a connect() complete before the next: long enough for a
    /// handshake on a loaded machine (or an emulated one) while the queue has room, short once it is full (a
    /// connection past the backlog never completes: it would wait out the bound).</summary>
    public static int PaceMs(bool queueFull) => queueFull ? 100 : 1000;

    /// <summary>What a non-blocking connect() came to within <paramref name="ms"/>: while it was in progress
    /// (EINPROGRESS; Winsock's WSAEWOULDBLOCK, named EAGAIN), SO_ERROR once it settled ("OK" or the error) or "pending"
    /// if it has not by then; otherwise what connect() itself said at once.</summary>
    public static string Settled(SysResult connect, LayerSocket socket, int ms) =>
        connect.OkOrError is not ("EINPROGRESS" or "EAGAIN") ? connect.OkOrError
        : !socket.ConnectSettled(ms) ? Pending
        : socket.PendingError() is var error && error == "0" ? "OK" : error; // read once: reading SO_ERROR clears it

    /// <summary>Where a connect stands now, without waiting: pending until it settles, then by its SO_ERROR.</summary>
    public static string Of(LayerSocket client)
    {
        var settled = client.ConnectSettled(0);
        return Of(settled, settled ? client.PendingError() : "0");
    }

    /// <summary>The outcome of a connect that has (or has not yet) settled, with its SO_ERROR ("0" for none).</summary>
    public static string Of(bool settled, string pendingError) =>
        !settled ? Pending
        : pendingError switch
        {
            "0" => Established,
            "ECONNREFUSED" => Refused,
            "ECONNRESET" => Reset,
            var other => other,
        };
}
