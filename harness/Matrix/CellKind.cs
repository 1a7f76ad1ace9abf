
namespace Conformance.Harness.Matrix;

/// <summary>What a cell shows: the verdict, with a documented difference told apart from an undocumented one.</summary>
public enum CellKind
{
    Holds,
    Documented,
    Differs,
    Unsupported,
    Inconclusive,
    Error,
    NotRun,
}

public static class CellKinds
{
    public static CellKind Of(ClaimResult? result) => result switch
    {
        null => CellKind.NotRun,
        { Verdict: Verdict.Holds } => CellKind.Holds,
        { Verdict: Verdict.Differs, Documented: not null } => CellKind.Documented,
        { Verdict: Verdict.Differs } => CellKind.Differs,
        { Verdict: Verdict.Unsupported } => CellKind.Unsupported,
        { Verdict: Verdict.Inconclusive } => CellKind.Inconclusive,
        _ => CellKind.Error,
    };

    /// <summary>(symbol, glyph, name, meaning). Symbols and glyphs differ in shape, so the legend works without
    /// colour: emoji for GitHub's markdown, and plain glyphs that every font has for the page.</summary>
    public static readonly IReadOnlyList<(CellKind Kind, string Symbol, string Glyph, string Name, string Meaning)> Legend =
    [
        (CellKind.Holds, "✅", "✓", "holds", "the platform did what the FAQ says"),
        (CellKind.Documented, "🔶", "≈", "differs, documented", "it did something else, and the expectation table says why (see the note)"),
        (CellKind.Differs, "❌", "✗", "differs, undocumented", "it did something else, and nothing explains it"),
        (CellKind.Unsupported, "⛔", "⊘", "unsupported", "the platform lacks the API"),
        (CellKind.Inconclusive, "❔", "?", "inconclusive", "this environment could not observe it (see the note)"),
        (CellKind.Error, "💥", "!", "error", "the scenario broke (see the note)"),
        (CellKind.NotRun, "—", "—", "not run", "no result for this claim on this platform"),
    ];

    public static string Symbol(CellKind kind) => Legend.First(l => l.Kind == kind).Symbol;

    public static string Glyph(CellKind kind) => Legend.First(l => l.Kind == kind).Glyph;

    public static string Name(CellKind kind) => Legend.First(l => l.Kind == kind).Name;

    public static string Slug(CellKind kind) => kind.ToString().ToLowerInvariant();
}
