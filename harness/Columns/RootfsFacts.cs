using System.Formats.Tar;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Columns;

/// <summary>What an image says of itself without being run: its distro (os-release's PRETTY_NAME) and its C library
/// (the libc6 package's upstream version), read from its root filesystem tarball. An error column carries them, so
/// that a column that failed is reported as failed and not as an upgrade.</summary>
public sealed partial record RootfsFacts(string? Distro, string? Libc)
{
    /// <summary>Read from <paramref name="tarball"/>; <paramref name="fallback"/> as the distro where it cannot be read
    /// (no tarball, a registry image, an unreadable archive).</summary>
    public static RootfsFacts Of(string? tarball, string fallback)
    {
        if (tarball is null || !File.Exists(tarball))
        {
            return new RootfsFacts(fallback, null);
        }

        try
        {
            string? osRelease = null, status = null;
            using var stream = File.OpenRead(tarball);
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry && (osRelease is null || status is null))
            {
                var name = entry.Name.TrimStart('.', '/');
                // Debian's /etc/os-release is a link to /usr/lib/os-release: whichever holds the text, which a link does not.
                if (name is "etc/os-release" or "usr/lib/os-release" && entry.DataStream is { } os)
                {
                    osRelease ??= new StreamReader(os).ReadToEnd();
                }
                else if (name == "var/lib/dpkg/status" && entry.DataStream is { } dpkg)
                {
                    status = new StreamReader(dpkg).ReadToEnd();
                }
            }

            var pretty = osRelease?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"', '\'');
            var libc = status is not null && Libc6().Match(status) is { Success: true } m ? $"glibc {m.Groups[1].Value}" : null;
            return new RootfsFacts(pretty ?? fallback, libc);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            return new RootfsFacts(fallback, null);
        }
    }

    /// <summary>dpkg's status stanza of libc6: "Package: libc6" ... "Version: 2.36-9+deb12u10" gives 2.36.</summary>
    [GeneratedRegex(@"^Package: libc6\n(?:[^\n]+\n)*?Version: (?:\d+:)?(\d+\.\d+)", RegexOptions.Multiline)]
    private static partial Regex Libc6();
}
