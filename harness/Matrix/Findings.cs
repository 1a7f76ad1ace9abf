namespace Conformance.Harness.Matrix;

/// <summary>Where the columns that ran disagree, and how a set of columns is named. Only columns that ran count, and only
/// their cells that observed something (holds, documented, differs): a prediction is not a finding, and a cell that could
/// not ask (unsupported, inconclusive) or broke shows no behaviour to disagree with. The page and README.md tell the same
/// differences by cause (<see cref="Causes"/>).</summary>
public static class Findings
{
    /// <summary>The rows on which the columns that ran disagree, what the page's "disagree" switch shows: a key some of them
    /// observed with different values (a column that could not observe a key, an unobserved key or a layer without the
    /// call, does not disagree on it).</summary>
    public static IReadOnlySet<string> DisagreeingRows(CompatMatrix matrix)
    {
        var columns = matrix.Ran.Select(p => p.Id).ToList();
        return matrix.Catalogue.Rows.Where(row =>
        {
            var observed = columns.Select(id => matrix.Cells[row.Key][id])
                .Where(c => c is { Verdict: Verdict.Holds or Verdict.Differs }).Select(c => c!.Observed).ToList();
            return observed.SelectMany(o => o.Keys).Distinct()
                .Any(k => observed.Select(o => o.GetValueOrDefault(k)).OfType<string>().Distinct().Count() > 1);
        }).Select(row => row.Key).ToHashSet();
    }

    /// <summary>The columns an outcome was seen on, as a reader scans them: platforms grouped by the layers they showed
    /// it at, each group named whole where it is whole ("every Linux column", "every distro container", "kernels 5.10 to
    /// testing", "both .NET layers"), from the axes the matrix already knows; a partial group names its members.</summary>
    public static string Where(CompatMatrix matrix, IEnumerable<string> columns)
    {
        var ran = matrix.Ran.DistinctBy(p => LayerColumns.PlatformOf(p.Id)).ToList();
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
