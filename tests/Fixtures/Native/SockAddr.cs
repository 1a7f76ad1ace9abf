using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Conformance.Fixtures.Native.Tables;

namespace Conformance.Fixtures.Native;

/// <summary>sockaddr_in and sockaddr_in6 as the kernel reads them. Linux and Windows start with a 16-bit
/// family; BSD (macOS, FreeBSD) with a length byte and an 8-bit family. Port and address are in network
/// byte order everywhere.</summary>
public sealed class SockAddr(SocketConstants constants)
{
    public const int In4Size = 16;
    public const int In6Size = 28;
    public const int StorageSize = 128;

    public byte[] Encode(IPEndPoint endPoint)
    {
        var v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        var bytes = new byte[v6 ? In6Size : In4Size];
        WriteFamily(bytes, v6 ? constants.AF_INET6 : constants.AF_INET, bytes.Length);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)endPoint.Port);
        if (v6)
        {
            endPoint.Address.TryWriteBytes(bytes.AsSpan(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), (uint)endPoint.Address.ScopeId);
        }
        else
        {
            endPoint.Address.TryWriteBytes(bytes.AsSpan(4, 4), out _);
        }

        return bytes;
    }

    public IPEndPoint Decode(ReadOnlySpan<byte> bytes)
    {
        var family = constants.SockaddrHasLen ? bytes[1] : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        var port = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (family == constants.AF_INET)
        {
            return new IPEndPoint(new IPAddress(bytes.Slice(4, 4)), port);
        }

        if (family == constants.AF_INET6)
        {
            var scope = BinaryPrimitives.ReadUInt32LittleEndian(bytes[24..]);
            return new IPEndPoint(new IPAddress(bytes.Slice(8, 16), scope), port);
        }

        throw new ScenarioException($"unexpected address family {family} in a sockaddr");
    }

    private void WriteFamily(Span<byte> bytes, int family, int length)
    {
        if (constants.SockaddrHasLen)
        {
            bytes[0] = (byte)length;
            bytes[1] = (byte)family;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)family);
        }
    }
}
