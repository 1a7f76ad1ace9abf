namespace Conformance.Fixtures.Claims;

/// <summary>The process's open sockets, to prove each claim closed what it opened. Only sockets are
/// compared: the runtime and the test host open and close files of their own at any time.</summary>
public static class Descriptors
{
    public static HashSet<string> Open()
    {
        var set = new HashSet<string>();
        var dir = OperatingSystem.IsLinux() ? "/proc/self/fd" : null;
        if (dir is null || !Directory.Exists(dir))
        {
            return set; // elsewhere there is no cheap way to tell a socket from a file; RawSocket's Dispose still closes
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
        {
            try
            {
                var target = new FileInfo(entry).LinkTarget;
                if (target is not null && target.StartsWith("socket:", StringComparison.Ordinal))
                {
                    set.Add($"{Path.GetFileName(entry)} -> {target}");
                }
            }
            catch (IOException)
            {
                // closed while we looked: not ours to report
            }
        }

        return set;
    }

    /// <summary>A message naming the sockets opened since <paramref name="before"/> and still open, or null.</summary>
    public static string? Leaked(HashSet<string> before)
    {
        var now = Open();
        now.ExceptWith(before);
        return now.Count == 0 ? null : $"the scenario left {now.Count} socket(s) open: {string.Join(", ", now.Order())}";
    }
}
