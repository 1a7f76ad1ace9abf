using System.Diagnostics;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;
using Conformance.Fixtures.Peers;

namespace Conformance.Tcp.Multiplexing;

/// <summary>FAQ 2.9, 2.13, 2.14, 4.4 and 6.1: select(), poll() and non-blocking reads.</summary>
public sealed class SelectPollTests : ClaimTest
{
    [Claim("tcp.select-timeout", Layer = "raw")]
    public void SelectWithNothingReadyReturnsZeroAfterTheTimeout()
    {
        using var pair = TcpPair.Connect();
        var stopwatch = Stopwatch.StartNew();
        var (result, _) = Select.Over([pair.Client], SelectSet.Read, 100);
        Observe("result", result);
        Observe("waited-at-least-timeout", stopwatch.ElapsedMilliseconds >= 100);
    }

    [Claim("tcp.nonblocking-read-empty", Layer = "raw")]
    public void ANonBlockingReadWithNoDataFailsInsteadOfBlocking()
    {
        using var pair = TcpPair.Connect();
        pair.Client.SetNonBlocking(true);
        Observe("read#1", pair.Client.Read(100));
    }

    [Claim("tcp.select-readable-on-eof", Layer = "raw")]
    public void SelectReportsEofAsReadableAndReadThenReturnsZero()
    {
        using var pair = TcpPair.Connect();
        Peer.CloseWithFin(pair.Server);
        Observe("select", Select.Fired(pair.Client, SelectSet.Read, Wait.ExpectedMs));
        Observe("read#1", pair.Client.Read(100));
    }

    [Claim("tcp.poll-ignores-negative-fd")]
    public void PollIgnoresAnEntryWhoseDescriptorIsMinusOne()
    {
        var result = Sys.Calls.Poll(-1, Sys.C.POLLIN, 10, out var revents);
        Observe("result", result);
        Observe("revents", revents);
    }

    [Claim("tcp.poll-above-fd-setsize")]
    public void PollHasNoFdSetsizeLimit()
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

        using var pair = TcpPair.Connect();
        using var high = RawSocket.Adopt(Sys.Calls.DupAtLeast(pair.Client.Handle, setSize), "fcntl(F_DUPFD, FD_SETSIZE)");
        if (high.Handle < setSize)
        {
            throw new ScenarioException($"fcntl(F_DUPFD, {setSize}) gave descriptor {high.Handle}, below FD_SETSIZE");
        }

        Peer.Send(pair.Server, [1]);
        Observe("poll", high.Poll(Sys.C.POLLIN, Wait.ExpectedMs, out _));
    }

    [Claim("tcp.select-many-listeners", Layer = "raw")]
    public void SelectReportsTheListenerWithAPendingConnection()
    {
        using var first = Loopback.Listener();
        using var second = Loopback.Listener();
        using var third = Loopback.Listener();
        using var client = Loopback.Tcp();
        client.Connect(second.LocalEndPoint).Expect("connect() to the second listener");

        var (_, fired) = Select.Over([first, second, third], SelectSet.Read, Wait.ExpectedMs);
        Observe("ready", string.Join(",", fired.Select((f, i) => (f, i)).Where(p => p.f).Select(p => p.i)));
    }
}
