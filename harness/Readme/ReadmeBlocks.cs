using Conformance.Harness.Matrix;

namespace Conformance.Harness.Readme;

/// <summary>The parts of README.md and docs/ that are generated, not written: each between
/// <c>&lt;!-- generated: NAME --&gt;</c> and <c>&lt;!-- end generated --&gt;</c> in its document, made from the approved
/// baselines or the expectation tables. `conformance readme` rewrites them; a test requires each to be what it would
/// write.</summary>
public static class ReadmeBlocks
{
    public const string End = "<!-- end generated -->";

    public static string Start(string name) => $"<!-- generated: {name} -->";

    /// <summary>Where the findings link each claim's view: the page `conformance matrix` writes (the README's first
    /// command), by a link relative to the clone; the published copy has the same anchors.</summary>
    public const string Page = "artifacts/matrix/matrix.html";

    /// <summary>Every generated block: its name, the document that holds it (relative to the repository), and what it
    /// holds, made from the baselines in <paramref name="baselines"/>, which are read (and judged again) once, by the
    /// first block that needs them.</summary>
    public static IReadOnlyList<(string Name, string Document, Func<string> Make)> All(string baselines)
    {
        var approved = new Lazy<Dictionary<string, ResultsFile>>(() => ResultsSet.Baselines(baselines));
        ResultsFile Host() => approved.Value.GetValueOrDefault(Lanes.Default)
            ?? throw new BadInputException($"{baselines} has no baseline of lane '{Lanes.Default}'; approve one with `conformance approve`");
        return
        [
            ("findings", "README.md", () =>
            {
                var matrix = new CompatMatrix(approved.Value.Values, Catalogue.Default);
                return Causes.Markdown(matrix, Causes.Of(matrix, ExpectationTable.Default));
            }),
            .. Layers.All.Where(l => l != Layers.Raw).Select(l => ($"{l.Name}-differences host", "docs/dotnet.md",
                (Func<string>)(() => LayerDifferences.Markdown(Host(), Catalogue.Default, l)))),
            ("predicted-differences", "docs/columns.md", () => PredictedDifferences.Markdown(ExpectationTable.Default, Catalogue.Default)),
        ];
    }

    /// <summary>The block <paramref name="name"/> as <paramref name="readme"/> holds it (trimmed), or null when it has
    /// no such block.</summary>
    public static string? Read(string readme, string name)
    {
        var (from, to) = Span(readme, name);
        return from < 0 ? null : readme[from..to].Trim();
    }

    /// <summary><paramref name="readme"/> with block <paramref name="name"/> holding <paramref name="content"/>.</summary>
    public static string Write(string readme, string name, string content)
    {
        var (from, to) = Span(readme, name);
        return from < 0
            ? throw new BadInputException($"README.md has no block {Start(name)} ... {End}; add the two markers where it belongs")
            : readme[..from] + "\n" + content.Trim() + "\n" + readme[to..];
    }

    private static (int From, int To) Span(string readme, string name)
    {
        var start = readme.IndexOf(Start(name), StringComparison.Ordinal);
        var end = start < 0 ? -1 : readme.IndexOf(End, start, StringComparison.Ordinal);
        return end < 0 ? (-1, -1) : (start + Start(name).Length, end);
    }
}
