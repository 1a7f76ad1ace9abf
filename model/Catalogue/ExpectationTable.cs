using System.Text.Json;

namespace Conformance.Model;

/// <summary>A documented way one OS family parts from the FAQ on one claim: the observed values it gives
/// (the keys it lists; the others keep the FAQ's expectation), why, and where that is written down.
/// Like browser-compat-data, compatibility is data here, not branches in the tests.</summary>
public sealed record Expectation
{
    public required string Claim { get; init; }

    /// <summary>OS version range (the kernel release on Linux), e.g. <c>&gt;=3.9</c>; null for every version.</summary>
    public string? Versions { get; init; }

    /// <summary>Platform fields that must match too, e.g. <c>{"container": "docker"}</c>.</summary>
    public Dictionary<string, string>? When { get; init; }

    /// <summary>The address family the entry is about ("ipv4", "ipv6"); null for every run of the claim.</summary>
    public string? Family { get; init; }

    /// <summary>The layer ("dotnet") whose scenario meets the OS differently, for an OS table's entry whose value is
    /// the OS's answer to what that layer's code asks (e.g. the kernel's error for a bind the runtime made
    /// IPv6-only); null for the OS's own behaviour, which every layer shows. A runtime table's entries carry its
    /// layer.</summary>
    public string? Layer { get; init; }

    public required Dictionary<string, string> Observed { get; init; }
    public required string Reason { get; init; }
    public required string Reference { get; init; }

    /// <summary>False until a run of that platform has shown it (entries taken from documentation only).</summary>
    public bool Verified { get; init; } = true;
}

/// <summary>What a layer's own code does on top of the OS, wherever that code runs: the .NET runtime's Unix code
/// is the same on Linux, macOS and FreeBSD, so what it causes is written once, here, not in each OS's table.
/// Its entries compose with the OS's (a cell at that layer may show both the kernel's difference and the
/// runtime's); its renames are the runtime's own error table (EPIPE reaches C# as SocketError.Shutdown), applied
/// to every value expected at that layer.</summary>
public sealed record RuntimeTable(string Name, string Layer, IReadOnlyList<string> Os, IReadOnlyList<Expectation> Expectations, IReadOnlyList<ErrorRename> Renames);

/// <summary>An error the runtime reports under another name on every call, e.g. EPIPE as ESHUTDOWN.</summary>
public sealed record ErrorRename
{
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Reason { get; init; }
    public required string Reference { get; init; }
    public bool Verified { get; init; } = true;
}

/// <summary>The expectation entries of every OS family (the kernel's and the C library's behaviour, which every
/// layer shows), and of every runtime that adds a layer on top, from the embedded Expectations/*.json.</summary>
public sealed class ExpectationTable
{
    public const string Schema = "conformance-expectations/1";

    private static readonly Lazy<ExpectationTable> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, List<Expectation>> _byOs;

    public ExpectationTable(Dictionary<string, List<Expectation>> byOs, IReadOnlyList<RuntimeTable>? runtimes = null)
    {
        _byOs = byOs;
        Runtimes = runtimes ?? [];
    }

    public static ExpectationTable Default => Embedded.Value;

    public IReadOnlyCollection<string> OsFamilies => _byOs.Keys;

    public IReadOnlyList<RuntimeTable> Runtimes { get; }

    public IReadOnlyList<Expectation> For(string os) => _byOs.TryGetValue(os, out var list) ? list : [];

    /// <summary>The documentation of what was observed for this claim on this platform: one OS entry, one runtime
    /// entry, or both together, merged over the FAQ's values and renamed as the layer's runtime renames errors,
    /// whichever first matches; null when nothing documents it. Fewer parts are tried first.</summary>
    public Expectation? Find(CatalogueEntry claim, PlatformFacts platform, IReadOnlyDictionary<string, string> observed, string? family = null, string? layer = null)
    {
        claim = claim.For(platform.Os);
        bool Applies(Expectation e) =>
            e.Claim == claim.Id
            && (e.Family is null || e.Family == (family ?? "ipv4"))
            && VersionRange.Contains(e.Versions, platform.OsVersion)
            && (e.When ?? []).All(w => platform.Field(w.Key) == w.Value);

        var runtimes = RuntimesFor(layer, platform.Os);
        List<Expectation?> osEntries = [null, .. For(platform.Os).Where(e => (e.Layer is null || Layers.Covers(e.Layer, layer)) && Applies(e))];
        List<Expectation?> runtimeEntries = [null, .. runtimes.SelectMany(r => r.Expectations).Where(Applies)];

        var tries = osEntries.SelectMany(o => runtimeEntries.Select(r => (Os: o, Runtime: r)))
            .OrderBy(t => (t.Os is null ? 0 : 1) + (t.Runtime is null ? 0 : 1));
        foreach (var (os, runtime) in tries)
        {
            var (expected, documented) = Combine(claim, os, runtime, runtimes);
            if (documented is not null && Verdicts.Matches(expected, observed))
            {
                return documented;
            }
        }

        return null;
    }

    /// <summary>What the tables predict for a platform of <paramref name="os"/> that has not run: the FAQ's values,
    /// with the first entry of the OS's table and of the runtime's that apply to this row everywhere (not only in a
    /// container or a sandbox), and the runtime's renames; the documentation is null where the FAQ's values stand.</summary>
    public (Dictionary<string, string> Expected, Expectation? Documented) Predict(CatalogueEntry claim, string os, string? family = null, string? layer = null)
    {
        claim = claim.For(os);
        bool Applies(Expectation e) => e.Claim == claim.Id && e.When is null && (e.Family is null || e.Family == (family ?? "ipv4"));
        var runtimes = RuntimesFor(layer, os);
        return Combine(claim, For(os).FirstOrDefault(e => (e.Layer is null || Layers.Covers(e.Layer, layer)) && Applies(e)),
            runtimes.SelectMany(r => r.Expectations).FirstOrDefault(Applies), runtimes);
    }

    /// <summary>The runtime tables of a layer that apply on an OS family (none for the OS's own layer).</summary>
    private List<RuntimeTable> RuntimesFor(string? layer, string os) =>
        layer is null ? [] : [.. Runtimes.Where(r => Layers.Covers(r.Layer, layer) && r.Os.Contains(os))];

    /// <summary>The values expected with an OS entry and a runtime entry (either may be absent) merged over the FAQ's
    /// and the runtimes' renames applied, and what documents them: null where nothing departs from the FAQ.</summary>
    private static (Dictionary<string, string> Expected, Expectation? Documented) Combine(
        CatalogueEntry claim, Expectation? os, Expectation? runtime, List<RuntimeTable> runtimes)
    {
        // Only the claim's keys: a judgement of a layer that cannot observe some key passes the claim without it.
        var merged = Verdicts.Merge(Verdicts.Merge(claim.Expected, os?.Observed ?? []), runtime?.Observed ?? [])
            .Where(e => claim.Expected.ContainsKey(e.Key)).ToDictionary();
        var (expected, used) = Rename(merged, [.. runtimes.SelectMany(r => r.Renames)]);
        return (expected, (os, runtime, used.Count) == (null, null, 0) ? null : Compose(claim.Id, os, runtime, used));
    }

    private static (Dictionary<string, string> Expected, List<ErrorRename> Used) Rename(Dictionary<string, string> expected, List<ErrorRename> renames)
    {
        var used = new List<ErrorRename>();
        var renamed = expected.ToDictionary(e => e.Key, e => string.Join('|', e.Value.Split('|').Select(alternative =>
        {
            var rename = renames.FirstOrDefault(r => r.From == alternative.Trim());
            if (rename is null)
            {
                return alternative;
            }

            if (!used.Contains(rename))
            {
                used.Add(rename);
            }

            return rename.To;
        })));
        return (renamed, used);
    }

    private static Expectation Compose(string claim, Expectation? os, Expectation? runtime, List<ErrorRename> renames)
    {
        if (renames.Count == 0 && (os is null || runtime is null))
        {
            return (os ?? runtime)!;
        }

        var parts = new List<(string Reason, string Reference, bool Verified)>();
        parts.AddRange(new[] { os, runtime }.OfType<Expectation>().Select(e => (e.Reason, e.Reference, e.Verified)));
        parts.AddRange(renames.Select(r => (r.Reason, r.Reference, r.Verified)));
        return new Expectation
        {
            Claim = claim,
            Layer = runtime?.Layer ?? os?.Layer,
            Observed = Verdicts.Merge(os?.Observed ?? [], runtime?.Observed ?? []),
            Reason = string.Join(" ", parts.Select(p => p.Reason)),
            Reference = string.Join("; ", parts.Select(p => p.Reference).Distinct()),
            Verified = parts.All(p => p.Verified),
        };
    }

    public static ExpectationTable Parse(IEnumerable<(string Name, Stream Json)> files)
    {
        var byOs = new Dictionary<string, List<Expectation>>();
        var runtimes = new List<RuntimeTable>();
        foreach (var (name, json) in files)
        {
            var file = JsonSerializer.Deserialize<ExpectationFile>(json, Json.Options)
                ?? throw new FormatException($"{name} is empty");
            if (file.Schema != Schema)
            {
                throw new FormatException($"{name} has schema '{file.Schema}', expected '{Schema}'");
            }

            switch (file)
            {
                case { Os: { } os, Runtime: null, Layer: null, AppliesTo: null, Renames: null }:
                    // Several files may speak of one OS family: wine.json holds Wine's own departures, each entry
                    // scoped to Wine ("when"), apart from windows.json's Windows.
                    byOs[os] = [.. byOs.GetValueOrDefault(os) ?? [], .. file.Expectations];
                    break;
                case { Os: null, Runtime: { } runtime, Layer: { } layer, AppliesTo: [_, ..] appliesTo }:
                    if (file.Expectations.FirstOrDefault(e => e.Layer is not null && e.Layer != layer) is { } stray)
                    {
                        throw new FormatException($"{name}: the entry for {stray.Claim} names layer '{stray.Layer}' in the table of layer '{layer}'");
                    }

                    runtimes.Add(new RuntimeTable(runtime, layer, appliesTo,
                        [.. file.Expectations.Select(e => e with { Layer = layer })], file.Renames ?? []));
                    break;
                default:
                    throw new FormatException($"{name} must be an OS table (\"os\") or a runtime table (\"runtime\", \"layer\" and \"appliesTo\"), not both");
            }
        }

        return new ExpectationTable(byOs, runtimes);
    }

    private static ExpectationTable LoadEmbedded()
    {
        var assembly = typeof(ExpectationTable).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith("expectations.", StringComparison.Ordinal)).ToList();
        var streams = names.Select(n => (n, assembly.GetManifestResourceStream(n)!)).ToList();
        try
        {
            return Parse(streams);
        }
        finally
        {
            streams.ForEach(s => s.Item2.Dispose());
        }
    }

    /// <summary>An OS table names its <c>os</c>; a runtime table names the <c>runtime</c>, the <c>layer</c> it adds
    /// and the OS families its code runs on (<c>appliesTo</c>).</summary>
    private sealed record ExpectationFile(
        string Schema, string? Os, string? Runtime, string? Layer, List<string>? AppliesTo, List<Expectation> Expectations, List<ErrorRename>? Renames);
}

/// <summary>The facts of a platform that expectations may depend on.</summary>
public sealed record PlatformFacts(string Os, string OsVersion, IReadOnlyDictionary<string, string?> Fields)
{
    public string? Field(string name) => Fields.TryGetValue(name, out var v) ? v : null;
}
