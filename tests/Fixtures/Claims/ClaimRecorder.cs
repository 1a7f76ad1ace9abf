using Conformance.Fixtures.Native;

namespace Conformance.Fixtures.Claims;

/// <summary>The observation of the claim running now: an ordered map of step names to values. A scenario
/// records what happened; the verdict is computed from it afterwards, never by the scenario.</summary>
public sealed class ClaimRecorder
{
    private static readonly AsyncLocal<ClaimRecorder?> CurrentRecorder = new();

    private readonly Dictionary<string, string> _observed = [];
    private readonly Dictionary<string, string> _native = [];
    private readonly Dictionary<string, string> _unobserved = [];

    internal ClaimRecorder(CatalogueEntry claim, string? family, string? layer = null)
    {
        Claim = claim;
        Family = family;
        Layer = layer;
    }

    public CatalogueEntry Claim { get; }

    /// <summary>The address family of this run of a claim that runs over both ("ipv4", "ipv6"); null for a claim
    /// that runs once (see <see cref="CatalogueEntry.Families"/>).</summary>
    public string? Family { get; }

    /// <summary>"dotnet" when the scenario observes through System.Net.Sockets; null for the OS's own calls.</summary>
    public string? Layer { get; }

    public static ClaimRecorder Current => CurrentRecorder.Value
        ?? throw new InvalidOperationException("no claim is running: observations are recorded inside a [Claim] test");

    /// <summary>The claim running now, if any.</summary>
    public static ClaimRecorder? Running => CurrentRecorder.Value;

    public IReadOnlyDictionary<string, string> Observed => _observed;

    public IReadOnlyDictionary<string, string> Native => _native;

    /// <summary>Keys this layer cannot observe, each with the reason (see <see cref="SysResult.NotVisible"/>).</summary>
    public IReadOnlyDictionary<string, string> Unobserved => _unobserved;

    internal static ClaimRecorder Begin(CatalogueEntry claim, string? family, string? layer = null) =>
        CurrentRecorder.Value = new ClaimRecorder(claim, family, layer);

    internal static void End() => CurrentRecorder.Value = null;

    public void Observe(string key, string value)
    {
        if (!_observed.TryAdd(key, value))
        {
            throw new ScenarioException($"the scenario observed '{key}' twice");
        }
    }

    public void Observe(string key, SysResult result, string? okAs = null)
    {
        if (result.Error is { IsAbsent: true } absent)
        {
            throw new ApiAbsentException($"{key}: {absent.NativeName}");
        }

        if (result.NotVisible is { } reason)
        {
            if (_observed.ContainsKey(key) || !_unobserved.TryAdd(key, reason))
            {
                throw new ScenarioException($"the scenario observed '{key}' twice");
            }

            return;
        }

        Observe(key, result.Ok && okAs is not null ? okAs : result.ToString());
        if (result.Error is { } error && error.NativeName != error.Name)
        {
            _native[key] = error.NativeName;
        }
    }
}

/// <summary>Thrown by a scenario that cannot observe its claim here (or whose API the platform lacks).</summary>
public sealed class ClaimNotObservedException(Verdict verdict, string reason) : Exception(reason)
{
    public Verdict Verdict { get; } = verdict;
}
