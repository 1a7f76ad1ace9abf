using System.Runtime.InteropServices;
using Conformance.Harness.Columns;
using Conformance.Harness.Distros;
using Conformance.Harness.Runs;

namespace Conformance.Harness.Runtimes;

/// <summary>The suite under an earlier .NET on this machine: the same OS and kernel, so the raw layer's cells are the
/// same, while System.Net.Sockets' own code (its error table, its Unix PAL, its async engine) is another release's. Each
/// runtime is the suite published self-contained for it (the runtime packs come from NuGet), run as this machine's run
/// is, in a lane of its own: what a C# team sees change when it moves from one .NET to the next.</summary>
public sealed class RuntimeKind : IColumnKind
{
    /// <summary>The runtimes beside the suite's own .NET 10: lane, target framework, label.</summary>
    public static readonly IReadOnlyList<(string Lane, string Framework, string Label)> Runtimes =
        [("dotnet8", "net8.0", ".NET 8"), ("dotnet9", "net9.0", ".NET 9")];

    public string Verb => "runtimes";

    public string Summary => "run the suite on this machine under .NET 8 and .NET 9, a column each beside .NET 10's";

    public string Explained => """
        Publish the claim projects self-contained for .NET 8 (LTS) and .NET 9 and run each as `conformance run`
        runs the suite here, writing DIR/<platform-id>-dotnet8.json and -dotnet9.json in the lanes dotnet8 and
        dotnet9. The OS and kernel are this machine's, so their raw cells are the host's; their .NET cells are
        what System.Net.Sockets of that release reports. `conformance diff` between a runtime's column and the
        host's lists what changes for a C# program that moves between them.
        """;

    public string Entry => "runtime";

    public (int Minutes, string What) Limit => (10, "how long one runtime's publish and run may take");

    public bool InMatrix => true;

    /// <summary>One at a time: each runs the claims side by side on this machine, as the host run does.</summary>
    public int AtOnce => 1;

    public string? Unavailable() =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? null : "the runtime columns run the claims' workers script, which needs a POSIX shell (Linux, macOS)";

    public IReadOnlyList<IColumn> Columns(string configPath, TimeSpan limit) =>
        [.. Runtimes.Select(r => new Column(r.Lane, r.Framework, r.Label))];

    private sealed record Column(string Lane, string Framework, string Label) : IColumn
    {
        /// <summary>This machine's platform id with the runtime's lane after it: linux-debian-12-x64-dotnet8.</summary>
        private string Id => $"{HostId()}-{Lane}";

        public PlatformInfo Declared =>
            Harness.Columns.Columns.Declared(Id, Harness.Columns.Columns.HostKernel(), RootfsFacts.Of(null, HostDistro()), container: null) with { Runtime = Label };

        public ColumnInfo Info => ColumnInfo.Of(ColumnKinds.Runtime, Label);

        public async Task<ColumnOutcome> Run(Action<string> progress)
        {
            var published = await Payload.For(RuntimeInformation.RuntimeIdentifier, progress, Framework);
            var results = Directory.CreateTempSubdirectory("conformance-runtime-");
            try
            {
                progress($"running the claims under {Label}");
                var outcome = SuiteRun.Once(results.FullName, slow: false, noBuild: true, filter: null, summarise: false, published,
                    new Dictionary<string, string> { [RunContract.Lane] = Lane, [RunContract.PlatformId] = Id });
                var file = outcome.File ?? throw new InvalidOperationException($"the run under {Label} wrote no results file");
                progress($"{Harness.Columns.Columns.Summary(file)} under {file.Platform.Runtime}");
                return new ColumnOutcome(Lane, Id, file with { Column = Harness.Columns.Columns.WithRunMode(Info, file) }, null, null);
            }
            finally
            {
                results.Delete(recursive: true);
            }
        }

        private static string HostId()
        {
            var release = OsRelease();
            var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
            return OperatingSystem.IsLinux()
                ? $"linux-{release.GetValueOrDefault("ID", "linux")}-{release.GetValueOrDefault("VERSION_ID", "0")}-{arch}"
                : $"{RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant()}-{arch}";
        }

        private static string HostDistro() => OsRelease().GetValueOrDefault("PRETTY_NAME", RuntimeInformation.OSDescription);

        private static Dictionary<string, string> OsRelease() =>
            File.Exists("/etc/os-release")
                ? File.ReadLines("/etc/os-release").Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                    .ToDictionary(p => p[0], p => p[1].Trim('"'))
                : [];
    }
}
