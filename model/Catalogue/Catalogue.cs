using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Model;

/// <summary>One claim of the FAQ: its stable id, the section it comes from, the FAQ's own words, and the
/// observation that means the claim holds (key -> <see cref="Pattern"/>), in the order it is recorded.</summary>
public sealed record CatalogueEntry
{
    public required string Id { get; init; }
    public required string Faq { get; init; }
    public required string Title { get; init; }

    /// <summary>What the scenario does, in claims.md's words (for a claim beyond the FAQ, in the catalogue's own): what
    /// a reader of the matrix sees beside the FAQ's sentence.</summary>
    public required string Scenario { get; init; }
    /// <summary>The FAQ's own words; null for a claim that goes beyond the FAQ (see <see cref="BeyondFaq"/>).</summary>
    public required string? Quote { get; init; }

    /// <summary>For a claim the FAQ does not make (IPv6 and dual-stack, which it predates): the source its
    /// expectation comes from. Such claims have no quote and are not in claims.md.</summary>
    public string? BeyondFaq { get; init; }
    public required Dictionary<string, string> Expected { get; init; }

    /// <summary>What the FAQ itself says one OS family does where it names that family's own answer (5.4: "Linux will
    /// return them on unconnected sockets"; 4.2: "On my Linux system it is about 2 minutes"), by OS family, over
    /// <see cref="Expected"/>: a platform of that family is judged against the FAQ's words for it, so where they are
    /// out of date the cell differs and its table says why.</summary>
    public Dictionary<string, Dictionary<string, string>>? ExpectedOn { get; init; }

    /// <summary>This claim as the FAQ states it for a platform of <paramref name="os"/>: its own words for that family
    /// over the general expectation.</summary>
    public CatalogueEntry For(string? os) =>
        os is not null && ExpectedOn?.GetValueOrDefault(os) is { } own
            ? this with { Expected = Expected.ToDictionary(e => e.Key, e => own.GetValueOrDefault(e.Key, e.Value)), ExpectedOn = null }
            : this;

    /// <summary>Why a key's pattern is <c>*</c>: the reason no value can be expected of it. Every <c>*</c> needs
    /// one, so a claim cannot quietly accept anything.</summary>
    public Dictionary<string, string>? Unchecked { get; init; }

    /// <summary>The address families the scenario runs over, one row each (<c>["ipv4", "ipv6"]</c>), from one body
    /// whose sockets come from the family-following loopback helpers; null when it runs once, and then
    /// <see cref="OneFamily"/> says why (IPv4 by nature, IPv6 by nature, no address in it, ...).</summary>
    public List<string>? Families { get; init; }

    /// <summary>Why the claim runs over one family only: what the catalogue says instead of a second row.</summary>
    public string? OneFamily { get; init; }

    /// <summary>The runs of this claim: each family it runs over, or a single run with no family.</summary>
    [JsonIgnore]
    public IReadOnlyList<string?> Runs => Families is { Count: > 0 } families ? families : NoFamily;

    private static readonly string?[] NoFamily = [null];

    /// <summary>The layers whose calls run the claim's scenario, by name (<see cref="Model.Layers"/>); null is the raw
    /// layer alone.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("layers")]
    public List<string>? RunsIn { get; init; }

    /// <summary>Why an API cannot express the claim (what it lacks), by the API's name, or by a layer's name where only
    /// that layer of the API lacks it: each such layer has an <c>unsupported</c> cell with this reason, so a reader
    /// learns they cannot even ask.</summary>
    public Dictionary<string, string>? Inexpressible { get; init; }

    /// <summary>Why <paramref name="layer"/> cannot express the claim, or null when it can.</summary>
    public string? InexpressibleIn(string? layer)
    {
        var of = Model.Layers.Of(layer);
        return Inexpressible?.GetValueOrDefault(of.Name) ?? Inexpressible?.GetValueOrDefault(of.Api);
    }

    /// <summary>Whether the claim's scenario runs at <paramref name="layer"/>.</summary>
    public bool RunsAt(string? layer) => (RunsIn ?? RawOnly).Contains(Model.Layers.Of(layer).Name);

    private static readonly List<string> RawOnly = [Model.Layers.Raw.Name];

    /// <summary>The layers the claim has cells at (keys: null for raw): each whose calls run it, and each whose API
    /// cannot express it, in <see cref="Model.Layers.All"/>'s order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string?> Layers => [.. Model.Layers.All.Where(l => RunsAt(l.Key) || InexpressibleIn(l.Key) is not null).Select(l => l.Key)];

    /// <summary>A capability the scenario needs (root, a slow timer, ...); without it the verdict is inconclusive.</summary>
    public string? Needs { get; init; }

    /// <summary>What the scenario waits for that takes time by the protocol (a timer, a paced handshake), and how long:
    /// how a run spreads its claims over test processes so that no process is left with two long waits in a row. Null
    /// for a claim that waits only for loopback's immediate answers.</summary>
    public ProtocolWait? Waits { get; init; }

    /// <summary>Why a neighbour on the same loopback could change what the scenario observes (it frees a port and counts
    /// on nobody taking it, or binds a fixed one): where claims share one loopback (no network namespace each), such a
    /// claim runs alone, after the others. Null for a claim that owns everything it observes.</summary>
    public string? Alone { get; init; }

    [JsonIgnore]
    public string Group => Id[..Id.IndexOf('.', StringComparison.Ordinal)];
}

/// <summary>A wait the protocol imposes on a scenario: about how many milliseconds, and for what.</summary>
public sealed record ProtocolWait(int Ms, string For);

/// <summary>One row of the matrix and one result of a results file: a claim, over one family when it runs over
/// several.</summary>
public sealed record ClaimRow(CatalogueEntry Claim, string? Family)
{
    public string Key => ClaimRows.Key(Claim.Id, Family);
}

/// <summary>The key of a row: the claim's id for its single or IPv4 run (so rows keep their ids across the
/// family dimension), <c>id/ipv6</c> for its IPv6 run.</summary>
public static class ClaimRows
{
    public static string Key(string id, string? family) => family is null or "ipv4" ? id : $"{id}/{family}";

    /// <summary>A result's key: the row's, with <c>@layer</c> for any layer but the raw one (<c>id@dotnet</c>).</summary>
    public static string Key(string id, string? family, string? layer) => layer is null ? Key(id, family) : $"{Key(id, family)}@{layer}";

    /// <summary>Every result a complete column holds: each row at each layer its claim is observed at.</summary>
    public static IEnumerable<string> Expected(Catalogue catalogue) => Cells(catalogue).Select(c => Key(c.Row.Claim.Id, c.Row.Family, c.Layer));

    /// <summary>The expected results a results file lacks (row keys, in catalogue order).</summary>
    public static IEnumerable<string> Missing(Catalogue catalogue, ResultsFile file) =>
        Expected(catalogue).Except(file.Claims.Select(c => c.Row));

    /// <summary>The cells of a complete column: every row (claim x family) at every layer its claim is observed at.</summary>
    public static IEnumerable<(ClaimRow Row, string? Layer)> Cells(Catalogue catalogue) =>
        catalogue.Rows.SelectMany(r => r.Claim.Layers.Select(layer => (r, layer)));
}

/// <summary>An FAQ section the suite leaves out on purpose, with the reason the matrix shows.</summary>
public sealed record LeftOut(string Faq, string Reason);

/// <summary>A claim that was in the catalogue (or in claims.md, the first specification) and is no more: its id stays
/// taken, and the reason says where its question went (split, renamed, moved beyond the FAQ).</summary>
public sealed record Retired(string Id, string Reason);

/// <summary>The catalogue in code: every claim of the FAQ the suite checks, loaded from the embedded
/// catalogue.json, the one source of truth for claims (checked against the FAQ's text by the suite's own tests;
/// claims.md, the first specification, is history: each id it names is here or retired here).</summary>
public sealed class Catalogue
{
    public const string Schema = "conformance-catalogue/1";

    private static readonly Lazy<Catalogue> Embedded = new(() =>
    {
        using var stream = typeof(Catalogue).Assembly.GetManifestResourceStream("catalogue.json")
            ?? throw new InvalidOperationException("catalogue.json is not embedded in Conformance.Fixtures");
        return Parse(stream);
    });

    private readonly Dictionary<string, CatalogueEntry> _byId;

    private Catalogue(IReadOnlyList<CatalogueEntry> claims, IReadOnlyList<LeftOut> leftOut, IReadOnlyList<Retired>? retired = null)
    {
        Claims = claims;
        LeftOut = leftOut;
        Retired = retired ?? [];
        _byId = claims.ToDictionary(c => c.Id);
        Rows = [.. claims.SelectMany(c => c.Runs.Select(family => new ClaimRow(c, family)))];
        Order = Rows.SelectMany(r => r.Claim.Layers.Select(layer => ClaimRows.Key(r.Claim.Id, r.Family, layer)))
            .Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i);
    }

    public static Catalogue Default => Embedded.Value;

    public IReadOnlyList<CatalogueEntry> Claims { get; }

    public IReadOnlyList<LeftOut> LeftOut { get; }

    /// <summary>Ids no longer asked, each with where its question went.</summary>
    public IReadOnlyList<Retired> Retired { get; }

    /// <summary>This catalogue with only the claims <paramref name="ids"/> names: what a results file made before a
    /// claim was added can be complete against.</summary>
    public Catalogue Of(IEnumerable<string> ids)
    {
        var keep = ids.ToHashSet(StringComparer.Ordinal);
        return new Catalogue([.. Claims.Where(c => keep.Contains(c.Id))], LeftOut, Retired);
    }

    /// <summary>Whether <paramref name="id"/> was a claim and is retired.</summary>
    public bool IsRetired(string id) => Retired.Any(r => r.Id == id);

    /// <summary>Every row: each claim once per family it runs over, in catalogue order.</summary>
    public IReadOnlyList<ClaimRow> Rows { get; }

    /// <summary>Each result's position by its key (a row, then its .NET layer): results files list claims in catalogue
    /// order, so they compare line by line.</summary>
    public IReadOnlyDictionary<string, int> Order { get; }

    public CatalogueEntry this[string id] =>
        _byId.TryGetValue(id, out var entry) ? entry
        : throw new KeyNotFoundException($"'{id}' is not a claim of the catalogue (tests/Fixtures/Claims/catalogue.json)");

    public bool Contains(string id) => _byId.ContainsKey(id);

    public static Catalogue Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize<CatalogueFile>(json, Json.Options)
            ?? throw new FormatException("catalogue.json is empty");
        if (file.Schema != Schema)
        {
            throw new FormatException($"catalogue.json has schema '{file.Schema}', expected '{Schema}'");
        }

        foreach (var claim in file.Claims)
        {
            foreach (var (os, own) in claim.ExpectedOn ?? [])
            {
                if (own.Keys.FirstOrDefault(k => !claim.Expected.ContainsKey(k)) is { } stray)
                {
                    throw new FormatException($"catalogue.json: {claim.Id}'s expectedOn.{os} names '{stray}', which is not one of its expected keys");
                }
            }
        }

        return new Catalogue(file.Claims, file.LeftOut, file.Retired);
    }

    private sealed record CatalogueFile(string Schema, List<CatalogueEntry> Claims, List<LeftOut> LeftOut, List<Retired>? Retired);
}
