using Conformance.Fixtures.SocketLayers;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Peers;

namespace Conformance.Options.NonBlocking;

/// <summary>FAQ 6.1: fcntl(F_SETFL, O_NONBLOCK) alone clobbers the other file flags; F_GETFL first keeps them.
/// O_APPEND stands for "another flag": sockets keep it, and nothing else in the scenario depends on it.</summary>
public sealed class FcntlFlagsTests : ClaimTest
{
    [Claim("opt.nonblock-fcntl")]
    public void SetflWithOnlyNonblockClobbersTheOtherFlags()
    {
        if (Sys.C.O_NONBLOCK is not { } nonblock || Sys.C.O_APPEND is not { } append)
        {
            throw Unsupported("Windows has no fcntl() file flags; FIONBIO sets non-blocking mode and nothing else");
        }

        var getfl = Sys.C.F_GETFL!.Value;
        var setfl = Sys.C.F_SETFL!.Value;
        using var socket = Sockets.Tcp().AsRaw();
        int Flags() => (int)socket.Fcntl(getfl).Expect("fcntl(F_GETFL)");
        void Set(int flags) => socket.Fcntl(setfl, flags).Expect("fcntl(F_SETFL)");

        Set(Flags() | append);
        Set(nonblock); // the FAQ's "technically incorrect" way
        Observe("clobbered", (Flags() & append) == 0);

        Set(Flags() | append);
        Set(Flags() | nonblock); // the right way
        Observe("kept", (Flags() & (append | nonblock)) == (append | nonblock));

        Set(Flags() & ~nonblock);
        Observe("cleared", (Flags() & (append | nonblock)) == append);
    }
}
