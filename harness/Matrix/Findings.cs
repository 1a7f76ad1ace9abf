namespace Conformance.Harness.Matrix;

/// <summary>What the matrix found: the claims whose columns disagree, each with what was seen, where, and the documented
/// reason. Only columns that ran count, and only their cells that observed something (holds, documented, differs): a
/// prediction is not a finding, and a cell that could not ask (unsupported, inconclusive) or broke shows no behaviour to
/// disagree with. What the page's "disagree" switch shows; the page and README.md open with the same differences told
/// by cause (<see cref="Causes"/>).</summary>
public static class Findings
{
    /// <summary>One behaviour seen for a row: the values of the keys on which the row's columns part, the verdicts it
    /// got, the columns that showed it (ids), and why, as the expectation tables document it.</summary>
    public sealed record Outcome(string Seen, IReadOnlyList<string> Columns, string Why);

    /// <summary>A claim whose columns disagree: the rows (families) that disagree alike, and the outcomes, the most
    /// widely seen last.</summary>
    public sealed record Finding(CatalogueEntry Claim, IReadOnlyList<string> Rows, IReadOnlyList<Outcome> Outcomes)
    {
        /// <summary>The rows that disagree when they are not all of the claim's (one family, say); null when they are.</summary>
        public IReadOnlyList<string>? SomeRows => Rows.Count == Claim.Runs.Count ? null : Rows;
    }

    public static IReadOnlyList<Finding> Of(CompatMatrix matrix)
    {
        var columns = matrix.Platforms.Select(p => p.Platform.Id).Where(id => !matrix.IsPredicted(id)).ToList();
        var findings = new List<Finding>();
        foreach (var claim in matrix.Catalogue.Claims)
        {
            var rows = matrix.Catalogue.Rows.Where(r => r.Claim == claim)
                .Select(r => (r.Key, Outcomes: Outcomes(matrix, r, columns)))
                .Where(r => r.Outcomes.Count > 1)
                .ToList();

            // A claim's IPv4 and IPv6 rows usually disagree alike: one finding then, naming both.
            foreach (var same in rows.GroupBy(r => Signature(r.Outcomes)))
            {
                findings.Add(new Finding(claim, [.. same.Select(r => r.Key)], same.First().Outcomes));
            }
        }

        return findings;
    }

    /// <summary>The rows on which the columns that ran disagree: what the page's "disagree" switch shows.</summary>
    public static IReadOnlySet<string> DisagreeingRows(IEnumerable<Finding> findings) =>
        findings.SelectMany(f => f.Rows).ToHashSet();

    /// <summary>The outcomes of a row. A key disagrees when the columns that observed it saw different values; a column
    /// that could not observe a key (an unobserved key, a layer without the call) does not disagree on it. One outcome
    /// is a row on which every column agrees.</summary>
    private static List<Outcome> Outcomes(CompatMatrix matrix, ClaimRow row, IReadOnlyList<string> columns)
    {
        var observed = columns
            .Select(id => (Column: id, Result: matrix.Cells[row.Key][id]))
            .Where(c => c.Result is { Verdict: Verdict.Holds or Verdict.Differs })
            .Select(c => (c.Column, Result: c.Result!))
            .ToList();
        var keys = observed.SelectMany(c => c.Result.Observed.Keys).Distinct()
            .Where(k => observed.Select(c => c.Result.Observed.GetValueOrDefault(k)).OfType<string>().Distinct().Count() > 1)
            .ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        string Values(ClaimResult r) => string.Join(", ", keys.Select(k => $"{k}={r.Observed.GetValueOrDefault(k) ?? "(not observed)"}"));
        return [.. observed.GroupBy(c => Values(c.Result))
            .Select(g => new Outcome(
                $"{g.Key} ({string.Join(", ", g.Select(c => CellKinds.Name(CellKinds.Of(c.Result))).Distinct())})",
                [.. g.Select(c => c.Column)],
                string.Join(" ", g.Select(c => Why(c.Result)).Distinct())))
            .OrderBy(o => o.Columns.Count)
            .ThenBy(o => o.Seen, StringComparer.Ordinal)];
    }

    private static string Why(ClaimResult result) =>
        result.Documented?.Reason ?? (result.Verdict == Verdict.Holds ? "as the FAQ says" : result.Note ?? "not documented");

    private static string Signature(IReadOnlyList<Outcome> outcomes) =>
        string.Join("\n", outcomes.Select(o => $"{o.Seen}\t{string.Join(",", o.Columns)}"));

    /// <summary>The columns an outcome was seen on, as a reader scans them: platforms grouped by the layers they showed
    /// it at, each group named whole where it is whole ("every Linux column", "every distro container", "kernels 5.10 to
    /// testing", "both .NET layers"), from the axes the matrix already knows; a partial group names its members.</summary>
    public static string Where(CompatMatrix matrix, IEnumerable<string> columns)
    {
        var ran = matrix.Platforms.Where(p => !matrix.IsPredicted(p.Platform.Id))
            .Select(p => p.Platform).DistinctBy(p => LayerColumns.PlatformOf(p.Id)).ToList();
        return string.Join("; ", columns
            .GroupBy(LayerColumns.PlatformOf)
            .Select(p => (Platform: p.Key, Layers: LayersName([.. p.Select(LayerColumns.LayerOf).Distinct()])))
            .GroupBy(p => p.Layers)
            .Select(g => $"{PlatformsName(matrix, ran, [.. g.Select(p => p.Platform)])} at {g.Key}"));
    }

    private static string LayersName(IReadOnlyCollection<Layer> layers) =>
        layers.Count == Layers.All.Count ? "every layer"
        : layers.Count == Layers.All.Count - 1 && !layers.Contains(Layers.Raw) ? "both .NET layers"
        : string.Join(", ", Layers.All.Where(layers.Contains).Select(l => l == Layers.Raw ? "the OS's calls" : l.Label.Trim()));

    /// <summary>The platforms of <paramref name="ids"/> named as groups: every column that ran, every Linux column, or
    /// each axis that is whole (its columns that ran), then the rest by their labels.</summary>
    private static string PlatformsName(CompatMatrix matrix, IReadOnlyList<PlatformInfo> ran, IReadOnlyList<string> ids)
    {
        var set = ids.ToHashSet(StringComparer.Ordinal);
        if (ran.Count > 1 && ran.All(p => set.Contains(p.Id)))
        {
            return "every column";
        }

        var linux = ran.Where(p => p.Os == "linux").ToList();
        if (linux.Count > 1 && linux.All(p => set.Contains(p.Id)) && set.Count == linux.Count)
        {
            return "every Linux column";
        }

        var missing = linux.Where(p => !set.Contains(p.Id)).ToList();
        if (linux.Count > 3 && set.All(id => linux.Any(p => p.Id == id)) && missing.Count is > 0 and <= 2)
        {
            return $"every Linux column but {string.Join(" and ", missing.Select(p => matrix.Column(p.Id).Label))}";
        }

        var names = new List<string>();
        foreach (var axis in ran.GroupBy(p => matrix.Column(p.Id).Axis).OrderBy(a => ColumnKinds.Order(a.Key)))
        {
            var members = axis.Where(p => set.Contains(p.Id)).Select(p => matrix.Column(p.Id).Label).ToList();
            if (members.Count > 1 && members.Count == axis.Count())
            {
                names.Add(axis.Key switch
                {
                    "kernels" => $"kernels {Version(members[0])} to {Version(members[^1])}",
                    "distro containers" => "every distro container",
                    var other => $"every {other} column",
                });
            }
            else
            {
                names.AddRange(members);
            }
        }

        return string.Join(", ", names);
    }

    /// <summary>"kernel 6.1" is version 6.1 of the kernels.</summary>
    private static string Version(string label) => label.Split(' ', 2) is [_, var version] ? version : label;
}
