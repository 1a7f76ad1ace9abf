using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Native;
using Conformance.Fixtures.Native.Posix;

namespace Conformance.Tcp.Chroot;

/// <summary>FAQ 2.20: on STREAMS systems socket() opens device files, so a chroot needs a /dev.</summary>
public sealed class ChrootTests : ClaimTest
{
    [Claim("tcp.chroot-socket")]
    public void SocketInsideAnEmptyChrootNeedsDeviceFilesOnStreamsSystems()
    {
        if (!OperatingSystem.IsLinux() || !Privileges.IsRoot)
        {
            throw Inconclusive("needs root on Linux (a thread chroot()s into an empty directory after unshare(CLONE_FS))");
        }

        var empty = Directory.CreateTempSubdirectory("conformance-chroot-");
        try
        {
            Observe("socket", Privileges.InChroot(empty.FullName, () =>
            {
                var result = Sys.Calls.Socket(Sys.C.AF_INET, Sys.C.SOCK_STREAM, Sys.C.IPPROTO_TCP);
                if (result.Ok)
                {
                    Sys.Calls.Close((nint)result.Value);
                }

                return result.OkOrError;
            }));
        }
        finally
        {
            empty.Delete();
        }
    }
}
