using System.Text.Json;

namespace Conformance.Model;

/// <summary>One platform run: <c>&lt;results-dir&gt;/&lt;platform-id&gt;.json</c> in the conformance-results/1 format.</summary>
public sealed record ResultsFile
{
    public const string SchemaName = "conformance-results/1";

    public string Schema { get; init; } = SchemaName;

    /// <summary>The CI slot that produced this run ("host", "ubuntu-24.04", "debian-12", "kernel-testing"): what a
    /// baseline belongs to. The platform below says what ran in the slot this time, and may change under it.</summary>
    public string Lane { get; init; } = Lanes.Default;

    public required PlatformInfo Platform { get; init; }

    /// <summary>Where the run shows in the matrix, as its runner declared it; null in files from before columns were
    /// declared (see <see cref="ColumnOf"/>).</summary>
    public ColumnInfo? Column { get; init; }
    public required DateTime StartedAt { get; init; }

    /// <summary>The declared column, or for an older file a native column named by its platform id.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ColumnInfo ColumnOf => Column ?? ColumnInfo.Undeclared(Platform);
    public required List<ClaimResult> Claims { get; init; }

    /// <summary>Reads and validates a results file; every problem is a <see cref="ResultsFormatException"/>
    /// whose message names the file and what is wrong with it, in one line.</summary>
    public static ResultsFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ResultsFormatException(path, "no such file");
        }

        ResultsFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<ResultsFile>(stream, Json.Options);
        }
        catch (JsonException e)
        {
            throw new ResultsFormatException(path, $"not valid {SchemaName} JSON ({e.Message.Split(Environment.NewLine)[0]})");
        }

        if (file is null)
        {
            throw new ResultsFormatException(path, "empty");
        }

        if (file.Schema != SchemaName)
        {
            throw new ResultsFormatException(path, $"schema is '{file.Schema}', expected '{SchemaName}'");
        }

        var duplicate = file.Claims.GroupBy(c => c.Row).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ResultsFormatException(path, $"claim '{duplicate.Key}' appears {duplicate.Count()} times");
        }

        return file;
    }

    public void Save(string path) => AtomicFile.Write(path, JsonSerializer.Serialize(this, Json.Options) + "\n");
}

public sealed record ClaimResult
{
    public required string Id { get; init; }
    public required string Faq { get; init; }

    /// <summary>The address family of this run ("ipv4", "ipv6") for a claim that runs over both; null for a claim
    /// that runs once (the catalogue says over what, and why).</summary>
    public string? Family { get; init; }

    /// <summary>The layer whose calls made the observation (<see cref="Layers"/>: "dotnet", ...); null for the OS's own
    /// calls, the raw layer.</summary>
    public string? Layer { get; init; }
    public required Verdict Verdict { get; init; }
    public required Dictionary<string, string> Observed { get; init; }

    /// <summary>Native error names where they differ from the portable ones (WSAECONNRESET for ECONNRESET).</summary>
    public Dictionary<string, string>? Native { get; init; }

    /// <summary>Keys of the claim this layer cannot observe (Socket.Close returns nothing), each with the reason: left
    /// out of <see cref="Observed"/> and of the verdict, never filled in with a value the layer did not give.</summary>
    public Dictionary<string, string>? Unobserved { get; init; }
    public Documented? Documented { get; init; }
    public string? Note { get; init; }
    public long DurationMs { get; init; }

    /// <summary>This result's key: <c>id</c>, <c>id/ipv6</c>, and <c>@dotnet</c> after either for the .NET layer
    /// (see <see cref="ClaimRows"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Row => ClaimRows.Key(Id, Family, Layer);
}

/// <summary>The expectation entry that explains a difference.</summary>
public sealed record Documented(string Reason, string Reference, bool Verified);

public sealed class ResultsFormatException(string path, string problem) : BadInputException($"{path}: {problem}")
{
    public string Path { get; } = path;
}
