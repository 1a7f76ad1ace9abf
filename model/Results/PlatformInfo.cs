namespace Conformance.Model;

/// <summary>The platform block of a results file: what ran the claims. The id names the platform a
/// baseline belongs to; the kernel release is recorded but is not part of it, so a kernel upgrade shows
/// up as a change against the same baseline.</summary>
public record PlatformInfo
{
    public required string Id { get; init; }
    public required string Os { get; init; }
    public required string OsVersion { get; init; }
    public string? Distro { get; init; }
    public string? Libc { get; init; }
    public required string Runtime { get; init; }
    public required string Arch { get; init; }
    public string? Container { get; init; }

    /// <summary>The OCI runtime the container ran under when it is not the default runc, with its version
    /// (gVisor's runsc answers socket calls with its own network stack, not Linux's).</summary>
    public string? OciRuntime { get; init; }
    public required string User { get; init; }

    /// <summary>Just the platform block, without what a derived record adds (a matrix column's name and counts).</summary>
    public PlatformInfo Block() => new(this);

    [System.Text.Json.Serialization.JsonIgnore]
    public PlatformFacts Facts => new(Os, OsVersion, new Dictionary<string, string?>
    {
        ["id"] = Id,
        ["distro"] = Distro,
        ["libc"] = Libc,
        ["arch"] = Arch,
        ["container"] = Container,
        ["ociRuntime"] = OciRuntime?.Split(' ')[0],
        ["user"] = User,
    });
}
