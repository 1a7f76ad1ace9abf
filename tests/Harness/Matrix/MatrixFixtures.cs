using Conformance.Fixtures.Claims;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>Two hand-made results files (a Linux and a macOS column) with one cell of every kind: inputs for
/// the renderers, not observations of any platform.</summary>
internal static class MatrixFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "MatrixFixtures");

    /// <summary>The fixtures as written: hand-made cells are the renderers' input, not judged again by today's tables.</summary>
    public static CompatMatrix Matrix() => new(ResultsSet.Paths([Folder]).Select(ResultsSet.LoadAsWritten), Catalogue.Default);
}
