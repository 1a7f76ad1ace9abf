using System.Text.RegularExpressions;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>Results files come from other machines' runners and images: a distro named with HTML, a note or an
/// observed value holding a pipe or a backtick must render as that text in matrix.md, matrix.html and the README's
/// findings, never as markup, a link or a new table cell.</summary>
public sealed partial class HostileTextTests
{
    private const string Evil = "<img src=x onerror=alert(1)>Evil | `tick` *bold* [link](http://x)";

    /// <summary>The Linux fixture with hostile text in its platform block, a note, and an observed value that differs
    /// from the macOS fixture's, so it is also a finding.</summary>
    private static CompatMatrix Matrix()
    {
        var files = ResultsSet.Paths([MatrixFixtures.Folder]).Select(ResultsSet.LoadAsWritten).ToList();
        var linux = files.Single(f => f.Platform.Os == "linux");
        var target = linux.Claims.First(c => c.Observed.Count > 0 && c.Layer is null);
        var key = target.Observed.Keys.First();
        var hostile = linux with
        {
            Platform = linux.Platform with { Distro = Evil, Libc = "glibc|2.36`", OsVersion = "6.1 <b>x</b>" },
            Claims = [.. linux.Claims.Select(c => c == target ? c with { Observed = new(c.Observed) { [key] = "a|b`c<d>" }, Note = Evil } : c)],
        };
        return new CompatMatrix([hostile, .. files.Where(f => f != linux)], MatrixFixtures.Catalogue);
    }

    [Test]
    public void MarkdownShowsItAsText()
    {
        var md = MarkdownRenderer.Render(Matrix());
        Assert.That(md, Does.Not.Contain("<img").And.Not.Contain("<b>").And.Not.Match(@"(?<!\\)\]\(http"), "no tag, no link");
        Assert.That(md, Does.Contain(@"&lt;img src=x onerror=alert(1)&gt;Evil \| \`tick\` \*bold\* \[link\](http://x)"));
        Assert.That(md, Does.Contain("`` ").And.Contain(@"a\|b`c<d> ``"), "the value as a code span fenced past its backtick");
        var platformRow = md.Split('\n').First(l => l.Contains("glibc", StringComparison.Ordinal) && l.Contains("Evil", StringComparison.Ordinal));
        Assert.That(Cells(platformRow), Is.EqualTo(12), "the platforms table's twelve columns, none split by a pipe in the text");
    }

    [Test]
    public void ThePageShowsItAsText()
    {
        var html = HtmlRenderer.Render(Matrix());
        Assert.That(html, Does.Not.Contain("<img src=x").And.Not.Contain("<b>x</b>"));
    }

    [Test]
    public void TheReadmesFindingsShowItAsText()
    {
        var matrix = Matrix();
        var md = Causes.Markdown(matrix, Causes.Of(matrix, ExpectationTable.Default), id => $"page.html#claim={id}");
        Assert.That(md, Does.Contain("Not documented yet"), "the fixture's undocumented difference is a cause");
        Assert.That(md, Does.Not.Contain("<img").And.Not.Contain("<d>"));

        // A cause's name (a reason from a table) and a column's label (a distro's name from its image) hold hostile text.
        var linux = matrix.Platforms.First(p => p.Platform.Os == "linux").Platform.Id;
        var story = new Causes.Story([new Causes.Cause(Evil, ["tcp.sigpipe"], [linux])], []);
        var line = Causes.Markdown(matrix, story).Split('\n').Single(l => l.StartsWith("- ", StringComparison.Ordinal));
        Assert.That(line, Does.Contain("Evil").And.Not.Contain("<img").And.Not.Match(@"(?<!\\)\]\(http"), "the name is text, no tag, no link");
        Assert.That(UnescapedPipe().Matches(line), Is.Empty, "a pipe in the name is escaped");
    }

    /// <summary>The cells of a markdown table row: its pipes that no backslash escapes, less one.</summary>
    private static int Cells(string row) => UnescapedPipe().Matches(row).Count - 1;

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();
}
