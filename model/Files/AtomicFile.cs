namespace Conformance.Model;

/// <summary>The one way the project writes a file: into a temporary file in the same folder, then a rename, so a
/// reader never sees half of it and a failed run leaves the old file as it was.</summary>
public static class AtomicFile
{
    public static void Write(string path, string content) =>
        ProduceAsync(path, temporary => File.WriteAllTextAsync(temporary, content)).GetAwaiter().GetResult();

    /// <summary>Lets <paramref name="produce"/> write the temporary file (by any means: a stream, another program),
    /// then puts it in place; if it throws, nothing is put in place.</summary>
    public static async Task ProduceAsync(string path, Func<string, Task> produce)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            await produce(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
