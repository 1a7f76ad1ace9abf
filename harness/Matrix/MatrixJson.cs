using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Fixtures.Claims;

namespace Conformance.Harness.Matrix;

/// <summary>matrix.json, shaped after MDN's browser-compat-data: a tree of features (group, then claim), each
/// with a <c>__compat</c> block whose <c>support</c> holds one statement per platform. A documented difference
/// is a <c>partial_implementation</c> with notes, as BCD marks partial support.</summary>
public static class MatrixJson
{
    public const string Schema = "conformance-matrix/1";

    public static string Render(CompatMatrix matrix)
    {
        var claims = new JsonObject();
        foreach (var row in matrix.Catalogue.Rows)
        {
            var claim = row.Claim;
            var group = claims[claim.Group] as JsonObject ?? (JsonObject)(claims[claim.Group] = new JsonObject());
            var support = new JsonObject();
            foreach (var platform in matrix.Platforms)
            {
                support[platform.Platform.Id] = Statement(matrix.Cell(row, platform.Platform.Id));
            }

            var compat = new JsonObject
            {
                ["id"] = claim.Id,
                ["faq"] = claim.Faq,
                ["family"] = row.Family,
                ["description"] = CompatMatrix.RowTitle(row),
                ["quote"] = claim.Quote,
                ["beyondFaq"] = claim.BeyondFaq,
                ["oneFamily"] = claim.OneFamily,
                ["expected"] = ToNode(claim.Expected),
                ["needs"] = claim.Needs,
                ["support"] = support,
            };

            // As BCD nests a sub-feature under its feature, the IPv6 run sits under its claim: tcp.oob.ipv6.__compat.
            var name = claim.Id[(claim.Group.Length + 1)..];
            if (row.Family is "ipv6")
            {
                ((JsonObject)group[name]!)["ipv6"] = new JsonObject { ["__compat"] = compat };
            }
            else
            {
                group[name] = new JsonObject { ["__compat"] = compat };
            }
        }

        var platforms = new JsonObject();
        foreach (var platform in matrix.Platforms)
        {
            var block = JsonSerializer.SerializeToNode(platform.Platform, Json.Options)!.AsObject();
            block["name"] = CompatMatrix.ShortName(platform.Platform);
            block["startedAt"] = platform.StartedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            block["summary"] = new JsonObject(matrix.Summary(platform.Platform.Id)
                .Select(s => KeyValuePair.Create(s.Verdict is { } v ? CompatMatrix.Name(v) : "notRun", (JsonNode?)s.Count)));
            platforms[platform.Platform.Id] = block;
        }

        var root = new JsonObject
        {
            ["schema"] = Schema,
            ["platforms"] = platforms,
            ["claims"] = claims,
            ["leftOut"] = ToNode(matrix.Catalogue.LeftOut),
        };
        return root.ToJsonString(Json.Options) + "\n";
    }

    private static JsonObject? Statement(Fixtures.Results.ClaimResult? result)
    {
        if (result is null)
        {
            return null;
        }

        var notes = new JsonArray();
        if (result.Documented is { } doc)
        {
            notes.Add(doc.Verified ? doc.Reason : $"{doc.Reason} (unverified: from documentation, not yet seen in a run)");
        }

        if (result.Note is { } note)
        {
            notes.Add(note);
        }

        return new JsonObject
        {
            ["verdict"] = CompatMatrix.Name(result.Verdict),
            ["partial_implementation"] = result.Verdict == Verdict.Differs,
            ["observed"] = ToNode(result.Observed),
            ["native"] = result.Native is null ? null : ToNode(result.Native),
            ["notes"] = notes.Count == 0 ? null : notes,
            ["reference"] = result.Documented?.Reference,
            ["verified"] = result.Documented?.Verified,
        };
    }

    private static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Json.Options);
}
