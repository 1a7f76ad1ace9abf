using System.Diagnostics;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Peers;
using Conformance.Fixtures.SocketLayers;

namespace Conformance.Tcp.Multiplexing;

/// <summary>FAQ 2.9, 2.13, 2.14, 4.4 and 6.1: select(), poll() and non-blocking reads.</summary>
public sealed class SelectPollTests : ClaimTest
{
    /// <summary>At the .NET layers select() is Socket.Select, and its value the count of sockets it left in the list.</summary>
    [Claim("tcp.select-timeout")]
    public void SelectWithNothingReadyReturnsZeroAfterTheTimeout()
    {
        using var pair = Connection.Open();
        var stopwatch = Stopwatch.StartNew();
        var (result, _) = Sockets.SelectReadable([pair.Client], 100);
        Observe("result", result);
        Observe("waited-at-least-timeout", stopwatch.ElapsedMilliseconds >= 100);
    }

    [Claim("tcp.nonblocking-read-empty")]
    public void ANonBlockingReadWithNoDataFailsInsteadOfBlocking()
    {
        using var pair = Connection.Open();
        pair.Client.SetNonBlocking(true).Expect("O_NONBLOCK");
        Observe("read#1", pair.Client.Read(100));
    }

    [Claim("tcp.select-readable-on-eof")]
    public void SelectReportsEofAsReadableAndReadThenReturnsZero()
    {
        using var pair = Connection.Open();
        Peer.CloseWithFin(pair.Server);
        Observe("select", Sockets.SelectReadable([pair.Client], Wait.ExpectedMs).Fired[0]);
        Observe("read#1", pair.Client.Read(100));
    }

    [Claim("tcp.poll-ignores-negative-fd")]
    public void PollIgnoresAnEntryWhoseDescriptorIsMinusOne()
    {
        var result = Sys.Calls.Poll(-1, Sys.C.POLLIN, 10, out var revents);
        Observe("result", result);
        Observe("revents", revents);
    }

    /// <summary>FAQ 2.14: select()'s fd_set "is a bit mask and therefore has some fixed size"; poll() has "no fundamental
    /// limit". select() is given a bitmap long enough for the descriptor, as a program that allocates its own sets
    /// does, so what refuses it (or not) is the OS: the kernels of today read any length; macOS's C library checks
    /// FD_SETSIZE in one of its select() variants.</summary>
    [Claim("tcp.poll-above-fd-setsize")]
    public void PollHasNoFdSetsizeLimitSelectDoes()
    {
        if (!Sys.IsPosix)
        {
            throw Unsupported("Winsock's fd_set is a list of 64 handles, not a bitmap of descriptor numbers, and there is no dup()");
        }

        var setSize = Sys.C.FD_SETSIZE;
        if (!Limits.RaiseOpenFiles((ulong)setSize + 64))
        {
            throw Inconclusive($"the descriptor limit (RLIMIT_NOFILE hard {Limits.OpenFiles().Hard}) is below FD_SETSIZE {setSize}; raise it (ulimit -Hn)");
        }

        using var pair = Connection.Open();
        using var high = RawSocket.Adopt(Sys.Calls.DupAtLeast(pair.Client.Handle, setSize), "fcntl(F_DUPFD, FD_SETSIZE)");
        if (high.Handle < setSize)
        {
            throw new ScenarioException($"fcntl(F_DUPFD, {setSize}) gave descriptor {high.Handle}, below FD_SETSIZE");
        }

        Peer.Send(pair.Server, [1]);
        Observe("poll", high.Poll(Sys.C.POLLIN, Wait.ExpectedMs, out _));
        Span<bool> fired = stackalloc bool[1];
        Observe("select", Sys.Calls.Select([high.Handle], SelectSet.Read, Wait.ExpectedMs, fired));
    }

    /// <summary>FAQ 4.4: "The best way to do this is with the select() call." Its snippet then passes the listeners as
    /// select()'s write set ("becomes available for writing"); a pending connection makes a listener readable, so the
    /// read set is asked, and the snippet's own set beside it.</summary>
    [Claim("tcp.select-many-listeners")]
    public void SelectReportsTheListenerWithAPendingConnection()
    {
        using var first = Sockets.Listener();
        using var second = Sockets.Listener();
        using var third = Sockets.Listener();
        using var client = Sockets.Tcp();
        client.Connect(second.LocalEndPoint).Expect("connect() to the second listener");

        var (_, readable) = Sockets.Select([first, second, third], SelectSet.Read, Wait.ExpectedMs);
        Observe("ready", Listed(readable));

        // Expected by the snippet, not by any stack: a short bound for a set that is not expected to fire.
        var (_, writable) = Sockets.Select([first, second, third], SelectSet.Write, 200);
        Observe("snippet-write-set", Listed(writable));
    }

    /// <summary>Which of the listeners fired, by position: "1" is the second.</summary>
    private static string Listed(bool[] fired) =>
        fired.Any(f => f) ? string.Join(",", fired.Select((f, i) => (f, i)).Where(p => p.f).Select(p => p.i)) : "none";
}
