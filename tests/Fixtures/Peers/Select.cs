using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>select(), for the claims that are about it (FAQ 2.9, 2.13, 2.23, 4.4).</summary>
public static class Select
{
    /// <summary>select() on one socket; true when it fired within the limit.</summary>
    public static bool Fired(RawSocket socket, SelectSet set, int limitMs)
    {
        var fired = new bool[1];
        var result = Sys.Calls.Select([socket.Handle], set, limitMs, fired);
        return result.Expect("select()") > 0 && fired[0];
    }

    /// <summary>select() over several sockets: the value select() returned and which of them fired.</summary>
    public static (SysResult Result, bool[] Fired) Over(IReadOnlyList<RawSocket> sockets, SelectSet set, int limitMs)
    {
        var fired = new bool[sockets.Count];
        var result = Sys.Calls.Select(sockets.Select(s => s.Handle).ToArray(), set, limitMs, fired);
        return (result, fired);
    }
}
