using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Conformance.Fixtures.Native.Posix;

/// <summary>The netdb and inet calls of FAQ 2.3, 3.1 and 3.4, as the C library answers them.</summary>
public static unsafe class NameService
{
    /// <summary>getservbyname(): the port in host order, or null when the services database has no entry.</summary>
    public static int? ServicePort(string name, string protocol)
    {
        var entry = Libc.getservbyname(name, protocol);
        if (entry == 0)
        {
            return null;
        }

        // struct servent { char *s_name; char **s_aliases; int s_port; char *s_proto; }: s_port in network order.
        var port = *(int*)(entry + StructLayouts.ServEntPortOffset);
        return BinaryPrimitives.ReverseEndianness((ushort)port);
    }

    /// <summary>inet_addr(): the address in network order as an unsigned 32-bit value (INADDR_NONE on error).</summary>
    public static uint InetAddr(string text) => Libc.inet_addr(text);

    /// <summary>inet_pton(AF_INET): 1 for a valid address, 0 for text that is not one.</summary>
    public static int InetPton(string text)
    {
        var buffer = stackalloc byte[16];
        return Libc.inet_pton(Sys.C.AF_INET, text, buffer);
    }

    /// <summary>gethostbyname(): the struct hostent pointer it returned, and the first address in it.</summary>
    public static (nint Entry, byte[]? Address) HostByName(string name)
    {
        var entry = Libc.gethostbyname(name);
        return (entry, entry == 0 ? null : FirstAddress(entry));
    }

    /// <summary>Reads h_addr_list[0] of a hostent: struct hostent { char *h_name; char **h_aliases; int h_addrtype;
    /// int h_length; char **h_addr_list; }.</summary>
    public static byte[]? FirstAddress(nint entry)
    {
        var length = *(int*)(entry + StructLayouts.HostEnt.LengthOffset);
        var list = *(nint*)(entry + StructLayouts.HostEnt.AddrListOffset);
        var first = list == 0 ? 0 : *(nint*)list;
        if (first == 0 || length is <= 0 or > 16)
        {
            return null;
        }

        var bytes = new byte[length];
        Marshal.Copy(first, bytes, 0, length);
        return bytes;
    }
}

/// <summary>The descriptor limit, for the claim that poll() has no FD_SETSIZE ceiling.</summary>
public static unsafe class Limits
{
    public static (ulong Soft, ulong Hard) OpenFiles()
    {
        var limit = stackalloc ulong[2];
        if (Libc.getrlimit(Sys.C.RLIMIT_NOFILE!.Value, limit) != 0)
        {
            throw new ScenarioException("getrlimit(RLIMIT_NOFILE) failed");
        }

        return (limit[0], limit[1]);
    }

    public static bool RaiseOpenFiles(ulong atLeast)
    {
        var (soft, hard) = OpenFiles();
        if (soft >= atLeast)
        {
            return true;
        }

        if (hard < atLeast)
        {
            return false;
        }

        var limit = stackalloc ulong[2];
        limit[0] = atLeast;
        limit[1] = hard;
        return Libc.setrlimit(Sys.C.RLIMIT_NOFILE!.Value, limit) == 0;
    }
}
