using System.Text.Json;
using Conformance.Harness.Cli;

namespace Conformance.Harness.Distros;

/// <summary>One distro column: a platform id, and where its image comes from: a registry image name, or a
/// Debian suite whose minbase root filesystem ci/make-rootfs.sh makes into a tarball.</summary>
public sealed record Distro
{
    public required string Name { get; init; }

    /// <summary>The column's header in the matrix ("debian 12 ctr"; "gVisor {version}" is filled in like the platform id).</summary>
    public required string Label { get; init; }
    public required string Platform { get; init; }
    public string? Image { get; init; }
    public string? Rootfs { get; init; }

    /// <summary>The runtime identifier of the payload: linux-x64, or linux-musl-x64 for Alpine.</summary>
    public string Rid { get; init; } = "linux-x64";

    /// <summary>The OCI runtime: null for Docker's default (runc), "runsc" for gVisor. With runsc, the platform
    /// id is linux-gvisor-&lt;runsc version&gt;-x64-container, whatever the image.</summary>
    public string? Runtime { get; init; }

    public override string ToString() => Name;
}

/// <summary>One kernel column: a Debian release whose cloud kernel ci/fetch-kernels.sh caches, booted under
/// QEMU with the same userland for every kernel, so that only the kernel varies.</summary>
public sealed record KernelEntry
{
    public required string Name { get; init; }

    /// <summary>The column's header in the matrix ("kernel 6.1").</summary>
    public required string Label { get; init; }
    public required string Platform { get; init; }
    public required string Suite { get; init; }

    public override string ToString() => Name;
}

/// <summary>ci/distros.json: the distro and kernel columns, declared in one file.</summary>
public static class DistroConfig
{
    public const string Schema = "conformance-distros/1";

    public static string DefaultPath => Path.Combine(Runs.Repository.Root(), "ci", "distros.json");

    public static List<Distro> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"{path}: no such distro configuration (ci/distros.json declares the distro columns)");
        }

        ConfigFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), Json.Options);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"{path}: not valid {Schema} JSON ({e.Message.Split(Environment.NewLine)[0]})");
        }

        if (file?.Schema != Schema)
        {
            throw new BadInputException($"{path}: schema is '{file?.Schema}', expected '{Schema}'");
        }

        var unlabelled = file.Distros.Select(d => (d.Name, d.Label)).Concat((file.Kernels ?? []).Select(k => (k.Name, k.Label)))
            .FirstOrDefault(e => string.IsNullOrWhiteSpace(e.Label));
        if (unlabelled.Name is not null)
        {
            throw new BadInputException($"{path}: entry '{unlabelled.Name}' needs a \"label\", its column's header in the matrix (\"debian 12 ctr\")");
        }

        var bad = file.Distros.FirstOrDefault(d => (d.Image is null) == (d.Rootfs is null));
        return bad is null ? file.Distros
            : throw new BadInputException($"{path}: distro '{bad.Name}' needs exactly one of \"image\" (a registry image) or \"rootfs\" (a Debian suite)");
    }

    /// <summary>The kernel columns, and the root filesystem (a make-rootfs.sh suite) every guest boots into.</summary>
    public static (List<KernelEntry> Kernels, string Userland) LoadKernels(string path)
    {
        Load(path);
        var file = JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), Json.Options)!;
        return (file.Kernels ?? [], file.KernelUserland ?? "bookworm-vm");
    }

    private sealed record ConfigFile(string Schema, List<Distro> Distros, List<KernelEntry>? Kernels = null, string? KernelUserland = null);

    /// <summary>The entries named by --only (all when none is), or bad input naming the unknown ones.</summary>
    public static List<T> Choose<T>(IReadOnlyList<T> entries, IReadOnlyCollection<string> only, Func<T, string> name, string what)
    {
        var unknown = only.Except(entries.Select(name)).ToList();
        return unknown.Count == 0
            ? [.. entries.Where(e => only.Count == 0 || only.Contains(name(e)))]
            : throw new BadInputException($"no {what} named {string.Join(", ", unknown)} in the configuration; it has {string.Join(", ", entries.Select(name))}");
    }
}
