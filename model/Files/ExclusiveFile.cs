namespace Conformance.Model;

/// <summary>A lock file held open with no sharing, which .NET turns into an exclusive flock on Unix (and a share mode
/// on Windows): how processes that write one file, or publish into one folder, take turns.</summary>
public static class ExclusiveFile
{
    /// <summary>Opens <paramref name="path"/> exclusively, trying again every <paramref name="retry"/> while another
    /// process holds it; past <paramref name="limit"/> the IOException is thrown. <paramref name="onWait"/> runs once,
    /// at the first wait.</summary>
    public static FileStream Open(string path, TimeSpan limit, TimeSpan retry, Action? onWait = null)
    {
        var deadline = DateTime.UtcNow + limit;
        for (var waited = false; ; waited = true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!waited)
                {
                    onWait?.Invoke();
                }

                Thread.Sleep(retry); // another process holds the lock: flock has no handle .NET can wait on, so it is tried again
            }
        }
    }
}
