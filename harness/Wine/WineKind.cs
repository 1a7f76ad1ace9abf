using Conformance.Harness.Columns;

namespace Conformance.Harness.Wine;

/// <summary>The Windows build of the claims under Wine, a smoke run of the Winsock code path: `conformance wine`. Its
/// results are Wine's (it answers Winsock with Linux sockets), never a Windows column.</summary>
public sealed class WineKind : IColumnKind
{
    public string Verb => "wine";

    public string Summary => "smoke-run the Windows code path under Wine (its results are Wine's, never a Windows column)";

    public string Explained => """
        Smoke-run the Windows code path under Wine: publish the claim projects for win-x64, run them under Wine
        (apt-get install wine wine64) and write DIR/wine-<version>-x64.json. Its results are Wine's (it answers
        Winsock with Linux sockets), never a Windows column. It fails when a claim executable crashes or leaves
        claims out, or when Wine's column is not accepted. Wine's differences from the FAQ are Wine's, not Windows',
        so they are held to the wine lane's approved baseline rather than to windows.json.
        """;

    public string Entry => "wine";

    public (int Minutes, string What) Limit => (3, "how long one claim executable may run under Wine");

    public bool InMatrix => false;

    public int AtOnce => 1;

    public string? Unavailable() => WineRunner.Unavailable();

    public IReadOnlyList<IColumn> Columns(string configPath, TimeSpan limit) => [new Column(limit)];

    private sealed record Column(TimeSpan Limit) : IColumn
    {
        public string Lane => WineRunner.Lane;

        private readonly Lazy<string> _version = new(WineRunner.Version);

        public PlatformInfo Declared => WineRunner.Declared(_version.Value);

        public ColumnInfo Info => ColumnInfo.Of(ColumnKinds.Wine, $"Wine {_version.Value}");

        public Task<ColumnOutcome> Run(Action<string> progress) => WineRunner.Run(Limit, progress);
    }
}
