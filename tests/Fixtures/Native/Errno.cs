namespace Conformance.Fixtures.Native;

/// <summary>An error as the claims speak of it: the portable POSIX name (<c>EPIPE</c>), and the platform's
/// own number and name (<c>WSAECONNRESET</c> on Windows) kept beside it.</summary>
public sealed record Errno(string Name, int Native, string NativeName)
{
    /// <summary>The API has no such call at all (Winsock has no read() on a socket): not an errno the OS gave,
    /// so a claim that observes it is <c>unsupported</c> there, never a value.</summary>
    public static Errno Absent(string what) => new("ENOSYS", 0, what);

    public bool IsAbsent => Native == 0 && Name == "ENOSYS";

    public override string ToString() => IsAbsent ? $"ENOSYS ({NativeName})" : Name == NativeName ? Name : $"{Name} ({NativeName} {Native})";
}

/// <summary>One OS family's native error numbers, with their names as the platform's headers spell them.</summary>
public sealed class ErrnoTable
{
    private readonly Dictionary<int, string> _names;
    private readonly Dictionary<string, int> _numbers;

    public ErrnoTable(OsFamily os, IReadOnlyDictionary<string, int> numbers)
    {
        Os = os;
        _numbers = new Dictionary<string, int>(numbers);
        _names = [];
        foreach (var (name, number) in numbers)
        {
            _names.TryAdd(number, name); // aliases (EWOULDBLOCK == EAGAIN) keep the first, portable name
        }
    }

    public OsFamily Os { get; }

    public IReadOnlyDictionary<string, int> Numbers => _numbers;

    /// <summary>The native number of a native name, for the tests that pin the table.</summary>
    public int this[string nativeName] => _numbers[nativeName];

    public Errno FromNative(int native)
    {
        var nativeName = _names.TryGetValue(native, out var n) ? n : $"errno {native}";
        return new Errno(Portable(nativeName), native, nativeName);
    }

    /// <summary>Winsock's WSAE* names carry the POSIX name after the prefix; its EWOULDBLOCK is POSIX's EAGAIN.</summary>
    private static string Portable(string nativeName)
    {
        var name = nativeName.StartsWith("WSAE", StringComparison.Ordinal) ? nativeName[3..] : nativeName;
        return name == "EWOULDBLOCK" ? "EAGAIN" : name;
    }
}
