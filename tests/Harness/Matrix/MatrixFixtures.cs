using Conformance.Fixtures.Claims;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>Two hand-made results files (a Linux and a macOS column) with one cell of every kind, and a catalogue of
/// just their claims (a frozen copy of those entries): inputs for the renderers, not observations of any platform,
/// and not the live catalogue, so that adding a claim changes no rendering the tests pin.</summary>
internal static class MatrixFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "MatrixFixtures");

    private static readonly Lazy<Catalogue> Claims = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "MatrixFixtureCatalogue", "fixture-claims.json"));
        return Catalogue.Parse(stream);
    });

    public static Catalogue Catalogue => Claims.Value;

    /// <summary>The fixtures as written: hand-made cells are the renderers' input, not judged again by today's tables.</summary>
    public static CompatMatrix Matrix() => new(ResultsSet.Paths([Folder]).Select(ResultsSet.LoadAsWritten), Catalogue);
}
