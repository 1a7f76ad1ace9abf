using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Model;

/// <summary>matrix.json (conformance-matrix/1), shaped after MDN's browser-compat-data: platforms, then a tree of
/// features (group, then claim, with a claim's IPv6 run as its <c>ipv6</c> sub-feature), each with a
/// <c>__compat</c> block whose <c>support</c> holds one statement per platform.</summary>
public sealed record MatrixFile
{
    public const string SchemaName = "conformance-matrix/1";

    public string Schema { get; init; } = SchemaName;
    public required Dictionary<string, MatrixPlatform> Platforms { get; init; }

    /// <summary>group ("tcp") -> feature ("read-zero-after-fin") -> its compat block.</summary>
    public required Dictionary<string, Dictionary<string, MatrixFeature>> Claims { get; init; }
    public required List<LeftOut> LeftOut { get; init; }

    /// <summary>platform id -> how its native column compares with what the tables predicted for its OS.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, PredictionCheck>? PredictionsChecked { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json.Options) + "\n";

    /// <summary>Reads and checks a matrix.json; a problem is one line naming the file and what to do.</summary>
    public static MatrixFile Load(string path)
    {
        MatrixFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<MatrixFile>(stream, Json.Options);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new BadInputException($"{path}: not a valid matrix.json ({e.Message.Split(Environment.NewLine)[0]}); regenerate it with `conformance matrix`");
        }

        return file is { Schema: SchemaName } ? file
            : throw new BadInputException($"{path}: not a {SchemaName} file; regenerate it with `conformance matrix`");
    }

    /// <summary>Every compat block, each claim followed by its IPv6 run.</summary>
    [JsonIgnore]
    public IEnumerable<MatrixCompat> Compats => Claims.Values.SelectMany(g => g.Values)
        .SelectMany(f => f.Ipv6 is { } v6 ? new[] { f.Compat, v6.Compat } : [f.Compat]);
}

/// <summary>A column: the platform block of its results file, its short name, when it ran, and its verdict counts.</summary>
public sealed record MatrixPlatform : PlatformInfo
{
    public MatrixPlatform()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public MatrixPlatform(PlatformInfo platform, ColumnInfo column, string startedAt, Dictionary<string, int> summary)
        : base(platform.Block())
    {
        Name = column.Label;
        Axis = column.Axis;
        Note = column.Note;
        Predicted = column.Kind == ColumnKinds.Predicted;
        StartedAt = startedAt;
        Summary = summary;
    }

    [JsonPropertyOrder(1)]
    public required string Name { get; init; }

    /// <summary>The axis the column belongs to ("native", "distro containers", "sandbox runtimes", "kernels", "wine").</summary>
    [JsonPropertyOrder(1)]
    public string? Axis { get; init; }

    /// <summary>How the column ran, where its runner said (a guest under software emulation, and why).</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }

    /// <summary>True for a column the matrix predicted from the expectation tables: nothing ran.</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Predicted { get; init; }

    [JsonPropertyOrder(2)]
    public required string StartedAt { get; init; }

    /// <summary>verdict name ("holds", ..., "notRun") -> how many rows of the column have it.</summary>
    [JsonPropertyOrder(3)]
    public required Dictionary<string, int> Summary { get; init; }
}

/// <summary>A claim (or its IPv6 run, nested under it as BCD nests a sub-feature).</summary>
public sealed record MatrixFeature
{
    [JsonPropertyName("__compat")]
    public required MatrixCompat Compat { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MatrixFeature? Ipv6 { get; init; }
}

public sealed record MatrixCompat
{
    public required string Id { get; init; }
    public required string Faq { get; init; }
    public string? Family { get; init; }
    public required string Description { get; init; }
    public string? Quote { get; init; }
    public string? BeyondFaq { get; init; }
    public string? OneFamily { get; init; }
    public required Dictionary<string, string> Expected { get; init; }
    public string? Needs { get; init; }

    /// <summary>platform id -> what it did; null where that platform did not run the row.</summary>
    public required Dictionary<string, MatrixStatement?> Support { get; init; }
}

/// <summary>One cell. A difference is a <c>partial_implementation</c> with notes, as BCD marks partial support.</summary>
public sealed record MatrixStatement
{
    public required string Verdict { get; init; }

    [JsonPropertyName("partial_implementation")]
    public bool PartialImplementation { get; init; }
    public required Dictionary<string, string> Observed { get; init; }
    public Dictionary<string, string>? Native { get; init; }
    public List<string>? Notes { get; init; }
    public string? Reference { get; init; }
    public bool? Verified { get; init; }

    /// <summary>True in a predicted column: what the expectation tables say, not what a platform did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Predicted { get; init; }
}

/// <summary>A native column of an OS the tables predict, against that prediction: the rows it confirmed and refuted.</summary>
public sealed record PredictionCheck(List<string> Confirmed, List<string> Refuted);
