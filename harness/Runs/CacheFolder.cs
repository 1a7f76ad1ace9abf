namespace Conformance.Harness.Runs;

/// <summary>The cache outside the clone (payloads, root filesystems, kernels, initramfs images, the Wine prefix):
/// <see cref="RunContract.Cache"/> where set; else /var/cache/conformance for root, where .ci/run's scripts make the root
/// filesystems and kernels; else the user's own cache folder, since a hosted runner's user cannot write /var/cache.
/// Decided once per process. A folder that cannot be written is one line saying which and what to set.</summary>
public static class CacheFolder
{
    public const string System = "/var/cache/conformance";

    private static readonly Lazy<string> Resolved = new(Resolve);

    public static string Root => Resolved.Value;

    private static string Resolve() =>
        For(RunContract.Value(RunContract.Cache), [.. (!OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess ? [System] : Array.Empty<string>()), UserCache()]);

    /// <summary>The folder to use: <paramref name="chosen"/> when given (or a one-line error), else the first of
    /// <paramref name="defaults"/> that can be written.</summary>
    public static string For(string? chosen, IReadOnlyList<string> defaults)
    {
        if (chosen is { Length: > 0 })
        {
            return Writable(chosen) is { } why
                ? throw new BadInputException($"the cache folder {chosen} (from {RunContract.Cache}) cannot be written ({why}): set {RunContract.Cache} to a folder you can write")
                : Path.GetFullPath(chosen);
        }

        var refusals = new List<string>();
        foreach (var candidate in defaults)
        {
            if (Writable(candidate) is not { } why)
            {
                return candidate;
            }

            refusals.Add($"{candidate}: {why}");
        }

        throw new BadInputException($"no cache folder can be written ({string.Join("; ", refusals)}): set {RunContract.Cache} to a folder you can write");
    }

    /// <summary>The user's cache: XDG_CACHE_HOME or ~/.cache on Linux and FreeBSD, ~/Library/Caches on macOS, the local
    /// application data folder on Windows.</summary>
    private static string UserCache()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "conformance");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Caches", "conformance")
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".cache"), "conformance");
    }

    /// <summary>Null when <paramref name="folder"/> exists or can be made, and a file can be written in it; else why not.</summary>
    private static string? Writable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return e is UnauthorizedAccessException ? "permission denied" : e.Message;
        }
    }

    /// <summary>Deletes all but the <paramref name="keep"/> newest of <paramref name="entries"/> (last written first, then
    /// by name), and every one of <paramref name="unfinished"/>: how the cache's payloads and guest images are pruned.
    /// An entry in use, or going away already, is left for the next prune.</summary>
    public static void Prune(IEnumerable<FileSystemInfo> entries, int keep, IEnumerable<FileSystemInfo>? unfinished = null)
    {
        var old = entries.OrderByDescending(e => e.LastWriteTimeUtc).ThenBy(e => e.Name, StringComparer.Ordinal).Skip(keep);
        foreach (var entry in old.Concat(unfinished ?? []))
        {
            try
            {
                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
            catch (IOException)
            {
                // in use, or going away already: the next prune tries again
            }
        }
    }
}
