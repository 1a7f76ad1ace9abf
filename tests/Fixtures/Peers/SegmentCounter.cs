using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Peers;

/// <summary>How many new data segments a connection has sent, from the kernel's own per-connection statistics.</summary>
public static class SegmentCounter
{
    // Linux struct tcp_info (include/uapi/linux/tcp.h): tcpi_data_segs_out is the u32 at byte 156 (since 4.6) and
    // counts retransmissions too; tcpi_total_retrans, the u32 at byte 100, counts those alone.
    private const int LinuxDataSegsOut = 156;
    private const int LinuxTotalRetrans = 100;

    // XNU struct tcp_connection_info (bsd/netinet/tcp.h): tcpi_txpackets is the u64 at byte 56. Unverified.
    private const int DarwinTxPackets = 56;

    public static bool IsAvailable => Sys.Os is OsFamily.Linux or OsFamily.MacOS;

    /// <summary>Data segments sent, less the retransmitted ones where the kernel counts them apart (Linux): a guest
    /// starved of CPU under software emulation can see its peer's ACK come after the retransmission timer, and a
    /// retransmitted byte is not a segment the sender's coalescing made.</summary>
    public static long DataSegmentsSent(RawSocket socket)
    {
        Span<byte> info = stackalloc byte[512];
        var length = info.Length;
        socket.GetBytes(Sys.C.IPPROTO_TCP, Sys.C.TCP_INFO!.Value, info, ref length).Expect("getsockopt(TCP_INFO)");
        return Sys.Os == OsFamily.Linux
            ? (long)BitConverter.ToUInt32(info[LinuxDataSegsOut..]) - BitConverter.ToUInt32(info[LinuxTotalRetrans..])
            : (long)BitConverter.ToUInt64(info[DarwinTxPackets..]);
    }
}
