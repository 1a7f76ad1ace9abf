using System.Text.RegularExpressions;

namespace Conformance.Harness.Distros;

/// <summary>An OCI runtime other than runc for a distro column: gVisor's runsc, declared to the Docker engine in
/// /etc/docker/daemon.json ("runtimes"). Its version names the column.</summary>
public static partial class Sandbox
{
    /// <summary>Why <paramref name="runtime"/> cannot run containers here, or null.</summary>
    public static async Task<string?> Unavailable(string runtime)
    {
        using var client = DockerEngine.Client();
        var info = await client.System.GetSystemInfoAsync();
        if (info.Runtimes is null || !info.Runtimes.ContainsKey(runtime))
        {
            return $"the Docker engine has no runtime '{runtime}': install it (apt-get install runsc), declare it in /etc/docker/daemon.json "
                + "(\"runtimes\": {\"runsc\": {\"path\": \"/usr/bin/runsc\", \"runtimeArgs\": [\"--platform=ptrace\", \"--network=none\"]}}) and reload dockerd (kill -HUP)";
        }

        return null;
    }

    /// <summary>The version the runtime's binary reports (runsc --version: "runsc version 0.0~20221219.0").</summary>
    public static async Task<string> Version(string runtime)
    {
        using var client = DockerEngine.Client();
        var info = await client.System.GetSystemInfoAsync();
        var path = info.Runtimes[runtime].Path ?? runtime;
        var result = await ExternalProgram.RunAsync(path, ["--version"], TimeSpan.FromSeconds(30));
        var match = VersionLine().Match(result.Output);
        return match.Success ? match.Groups[1].Value : "unknown";
    }

    /// <summary>A configured platform id or label with {version} filled in, cut to what an id may hold
    /// (linux-gvisor-{version}-x64-container becomes linux-gvisor-0.0-20221219.0-x64-container).</summary>
    public static string Filled(string template, string version) =>
        template.Replace("{version}", IdChars().Replace(version.ToLowerInvariant(), "-").Trim('-'), StringComparison.Ordinal);

    [GeneratedRegex(@"version\s+(\S+)")]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"[^a-z0-9.]+")]
    private static partial Regex IdChars();
}
