using Conformance.Fixtures.Native;

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

    /// <summary>The outcome of a connect() whose socket is (or is not yet) writable, with its SO_ERROR.</summary>
    public static string Of(bool writable, Errno? pendingError) =>
        !writable ? Pending
        : pendingError is null ? Established
        : pendingError.Name switch
        {
            "ECONNREFUSED" => Refused,
            "ECONNRESET" => Reset,
            var other => other,
        };

    /// <summary>What a non-blocking connect() came to within <paramref name="ms"/>: while it was in progress
    /// (EINPROGRESS; Winsock's WSAEWOULDBLOCK, named EAGAIN), SO_ERROR once the socket is writable ("OK" or the
    /// error) or "pending" if it is not by then; otherwise what connect() itself said at once.</summary>
    public static string Settled(SysResult connect, RawSocket socket, int ms) =>
        connect.OkOrError is not ("EINPROGRESS" or "EAGAIN") ? connect.OkOrError
        : Wait.Within(socket, Wait.Writable, ms) == 0 ? Pending
        : socket.PendingError().OkOrError;

    /// <summary>Asks the socket, without waiting.</summary>
    public static string Of(RawSocket client)
    {
        var writable = (Wait.Within(client, Wait.Writable, 0) & Wait.Writable) != 0;
        return Of(writable, writable ? client.PendingError().Error : null);
    }
}
