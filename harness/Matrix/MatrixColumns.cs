using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Fixtures.Claims;
using Conformance.Fixtures.Results;
using Conformance.Harness.Cli;

namespace Conformance.Harness.Matrix;

/// <summary>Reads one platform's column back out of a matrix.json, as the results it was made from.</summary>
public static class MatrixColumns
{
    public static ResultsFile Read(string matrixPath, string platformId)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(matrixPath)) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new CliException($"{matrixPath}: not a valid matrix.json ({e.Message.Split(Environment.NewLine)[0]}); regenerate it with `conformance matrix`");
        }

        if (root["schema"]?.GetValue<string>() != MatrixJson.Schema || root["platforms"] is not JsonObject platforms)
        {
            throw new CliException($"{matrixPath}: not a {MatrixJson.Schema} file; regenerate it with `conformance matrix`");
        }

        if (platforms[platformId] is not JsonObject block)
        {
            throw new CliException($"no platform '{platformId}' in {matrixPath}; its columns are: {string.Join(", ", platforms.Select(p => p.Key))}");
        }

        var claims = new List<ClaimResult>();
        foreach (var group in root["claims"]!.AsObject())
        {
            foreach (var feature in group.Value!.AsObject())
            {
                // A claim, then its IPv6 run nested under it as a sub-feature (see MatrixJson).
                foreach (var compat in new[] { feature.Value!["__compat"], feature.Value!["ipv6"]?["__compat"] })
                {
                    if (compat?["support"]?[platformId] is not JsonObject statement)
                    {
                        continue;
                    }

                    claims.Add(new ClaimResult
                    {
                        Id = compat["id"]!.GetValue<string>(),
                        Faq = compat["faq"]!.GetValue<string>(),
                        Family = compat["family"]?.GetValue<string>(),
                        Verdict = Enum.Parse<Verdict>(statement["verdict"]!.GetValue<string>(), ignoreCase: true),
                        Observed = statement["observed"].Deserialize<Dictionary<string, string>>(Json.Options) ?? [],
                    });
                }
            }
        }

        var platform = new PlatformInfo
        {
            Id = platformId,
            Os = block["os"]!.GetValue<string>(),
            OsVersion = block["osVersion"]!.GetValue<string>(),
            Runtime = block["runtime"]!.GetValue<string>(),
            Arch = block["arch"]!.GetValue<string>(),
            User = block["user"]!.GetValue<string>(),
        };
        return new ResultsFile { Platform = platform, StartedAt = DateTime.UnixEpoch, Claims = claims };
    }
}
