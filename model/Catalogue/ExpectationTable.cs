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

    /// <summary>"dotnet" for a difference System.Net.Sockets makes on top of the OS; null for the OS's own, which
    /// the .NET layer shows too.</summary>
    public string? Layer { get; init; }

    public required Dictionary<string, string> Observed { get; init; }
    public required string Reason { get; init; }
    public required string Reference { get; init; }

    /// <summary>False until a run of that platform has shown it (entries taken from documentation only).</summary>
    public bool Verified { get; init; } = true;
}

/// <summary>The expectation entries of every OS family, from the embedded Expectations/*.json.</summary>
public sealed class ExpectationTable
{
    public const string Schema = "conformance-expectations/1";

    private static readonly Lazy<ExpectationTable> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, List<Expectation>> _byOs;

    public ExpectationTable(Dictionary<string, List<Expectation>> byOs) => _byOs = byOs;

    public static ExpectationTable Default => Embedded.Value;

    public IReadOnlyCollection<string> OsFamilies => _byOs.Keys;

    public IReadOnlyList<Expectation> For(string os) => _byOs.TryGetValue(os, out var list) ? list : [];

    /// <summary>The first entry for this claim on this platform whose values (merged over the FAQ's) match
    /// what was observed.</summary>
    public Expectation? Find(CatalogueEntry claim, PlatformFacts platform, IReadOnlyDictionary<string, string> observed, string? family = null, string? layer = null) =>
        For(platform.Os).FirstOrDefault(e =>
            e.Claim == claim.Id
            && (e.Family is null || e.Family == (family ?? "ipv4"))
            && (e.Layer is null || e.Layer == layer)
            && VersionRange.Contains(e.Versions, platform.OsVersion)
            && (e.When ?? []).All(w => platform.Field(w.Key) == w.Value)
            && Verdicts.Matches(Verdicts.Merge(claim.Expected, e.Observed), observed));

    public static ExpectationTable Parse(IEnumerable<(string Name, Stream Json)> files)
    {
        var byOs = new Dictionary<string, List<Expectation>>();
        foreach (var (name, json) in files)
        {
            var file = JsonSerializer.Deserialize<ExpectationFile>(json, Json.Options)
                ?? throw new FormatException($"{name} is empty");
            if (file.Schema != Schema)
            {
                throw new FormatException($"{name} has schema '{file.Schema}', expected '{Schema}'");
            }

            byOs[file.Os] = file.Expectations;
        }

        return new ExpectationTable(byOs);
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

    private sealed record ExpectationFile(string Schema, string Os, List<Expectation> Expectations);
}

/// <summary>The facts of a platform that expectations may depend on.</summary>
public sealed record PlatformFacts(string Os, string OsVersion, IReadOnlyDictionary<string, string?> Fields)
{
    public string? Field(string name) => Fields.TryGetValue(name, out var v) ? v : null;
}
