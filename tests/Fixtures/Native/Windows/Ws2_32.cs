using System.Runtime.InteropServices;

namespace Conformance.Fixtures.Native.Windows;

/// <summary>Winsock 2 (ws2_32.dll). A SOCKET is UINT_PTR; INVALID_SOCKET is ~0 and SOCKET_ERROR -1, and the
/// error is WSAGetLastError(), which the marshaller captures as the last error.</summary>
internal static unsafe partial class Ws2_32
{
    private const string Lib = "ws2_32.dll";

    [LibraryImport(Lib, SetLastError = true)] internal static partial int WSAStartup(ushort version, byte* data);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint socket(int family, int type, int protocol);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int bind(nint s, byte* address, int length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int listen(nint s, int backlog);
    [LibraryImport(Lib, SetLastError = true)] internal static partial nint accept(nint s, byte* address, int* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int connect(nint s, byte* address, int length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int send(nint s, byte* buffer, int length, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int recv(nint s, byte* buffer, int length, int flags);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int sendto(nint s, byte* buffer, int length, int flags, byte* address, int addressLength);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int recvfrom(nint s, byte* buffer, int length, int flags, byte* address, int* addressLength);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int shutdown(nint s, int how);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int closesocket(nint s);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int setsockopt(nint s, int level, int name, byte* value, int length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getsockopt(nint s, int level, int name, byte* value, int* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getsockname(nint s, byte* address, int* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int getpeername(nint s, byte* address, int* length);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int ioctlsocket(nint s, int command, uint* argument);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int WSAPoll(byte* fds, uint count, int timeoutMs);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int WSAIoctl(nint s, uint code, void* input, uint inputLength, void* output, uint outputLength, uint* returned, nint overlapped, nint completion);
    [LibraryImport(Lib, SetLastError = true)] internal static partial int select(int ignored, byte* read, byte* write, byte* except, int* timeout);
}
