using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>How many data segments a connection has sent, from the kernel's own per-connection statistics.</summary>
public static class SegmentCounter
{
    // Linux struct tcp_info (include/uapi/linux/tcp.h): tcpi_data_segs_out is the u32 at byte 156 (since 4.6).
    private const int LinuxDataSegsOut = 156;

    // XNU struct tcp_connection_info (bsd/netinet/tcp.h): tcpi_txpackets is the u64 at byte 56. Unverified.
    private const int DarwinTxPackets = 56;

    public static bool IsAvailable => Sys.Os is OsFamily.Linux or OsFamily.MacOS;

    public static long DataSegmentsSent(RawSocket socket)
    {
        Span<byte> info = stackalloc byte[512];
        var length = info.Length;
        socket.GetBytes(Sys.C.IPPROTO_TCP, Sys.C.TCP_INFO!.Value, info, ref length).Expect("getsockopt(TCP_INFO)");
        return Sys.Os == OsFamily.Linux
            ? BitConverter.ToUInt32(info[LinuxDataSegsOut..])
            : (long)BitConverter.ToUInt64(info[DarwinTxPackets..]);
    }
}
