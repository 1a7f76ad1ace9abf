using Conformance.Harness.Columns;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Distros;

/// <summary>Distro containers, and a container under another OCI runtime (gVisor): `conformance distros`.</summary>
public sealed class DistroKind : IColumnKind
{
    public string Verb => "distros";

    public string Summary => "run the suite in a container per Linux distro of ci/distros.json (needs Docker)";

    public string Explained => $"""
        Run every claim in a container of each distro of ci/distros.json (Testcontainers; network mode none,
        no ports) and write DIR/<platform-id>.json for each, platform ids ending in -container. Registry
        images run when the engine has them (or {RunContract.Pull}=1 lets it pull); root filesystem entries need
        ci/make-rootfs.sh to have made their tarball. A distro that fails or exceeds the limit gets a column of
        errors with the reason.

        Containers share this machine's kernel: their columns differ in userland (libc, /etc/services) and
        per-namespace settings, not in the TCP stack.
        """;

    public string Entry => "distro";

    public (int Minutes, string What) Limit => (5, "how long one container may take before its column is errors");

    public bool InMatrix => true;

    public int AtOnce => Sweeps.SideBySide;

    public string? Unavailable() => DockerEngine.Unavailable();

    /// <summary>The distros of the config, those under another OCI runtime first: gVisor's ptrace platform takes about
    /// three times a plain container's time (132 s against 40 s here), so started first it ends beside the others
    /// instead of after them.</summary>
    public IReadOnlyList<IColumn> Columns(string configPath, TimeSpan limit) =>
        [.. DistroConfig.Load(configPath).OrderBy(distro => distro.Runtime is null).Select(distro => new Column(distro, limit))];

    private sealed record Column(Distro Distro, TimeSpan Limit) : IColumn
    {
        public string Lane => Distro.Name;

        public PlatformInfo Declared => DistroRunner.Declared(Distro);

        public ColumnInfo Info => DistroRunner.Column(Distro);

        public Task<ColumnOutcome> Run(Action<string> progress) => DistroRunner.Run(Distro, Limit, progress);
    }
}
