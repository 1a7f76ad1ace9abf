using System.Text.RegularExpressions;
using Conformance.Fixtures.Results;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>matrix.html in a real browser: headless Chromium renders it, runs its script, and shows that every
/// claim row and platform column is there and that a filter hides rows. The screenshot is kept under
/// artifacts/browser for a person to look at.</summary>
[Category("Browser")]
public sealed partial class BrowserTests
{
    private static string Chromium => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists)
        ?? Unavailable("Chromium is not installed (apt-get install chromium)");

    private static string Page()
    {
        var dir = Path.Combine(RepositoryRoot.Find()!, "artifacts", "browser");
        MatrixCommandWrite(dir);
        return Path.Combine(dir, "matrix.html");
    }

    private static void MatrixCommandWrite(string dir) => Harness.Commands.MatrixCommand.Write(MatrixFixtures.Matrix(), dir);

    [Test]
    public void EveryClaimRowAndPlatformColumnRenders()
    {
        var dom = Dump(Page(), "");
        Assert.That(ClaimRow().Matches(dom), Has.Count.EqualTo(Catalogue.Default.Rows.Count));
        Assert.That(PlatformHeader().Matches(dom).Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "linux-fixture-1-x64", "linux-fixture-1-x64@dotnet", "macos-15-arm64" }));
        Assert.That(dom, Does.Contain($"{Catalogue.Default.Rows.Count} of {Catalogue.Default.Rows.Count} rows"));
    }

    [Test]
    public void AVerdictFilterHidesTheOtherRows()
    {
        var dom = Dump(Page(), "#verdict=documented,differs");
        var rows = ClaimRow().Matches(dom).Select(m => m.Value).ToList();
        var shown = rows.Where(r => !r.Contains(" hidden", StringComparison.Ordinal)).ToList();
        Assert.That(shown.Select(r => Regex.Match(r, "data-claim=\"([^\"]+)\"").Groups[1].Value),
            Is.EquivalentTo(new[] { "tcp.write-after-rst", "tcp.sigpipe", "opt.rcvbuf-readback" }));
        Assert.That(dom, Does.Contain($"3 of {rows.Count} rows"));
    }

    [Test]
    public void TheFamilyFilterHidesTheIpv4RunsOfClaimsThatRunOverBoth()
    {
        var dom = Dump(Page(), "#family=ipv6");
        var shown = ClaimRow().Matches(dom).Select(m => m.Value).Where(r => !r.Contains(" hidden", StringComparison.Ordinal))
            .Select(r => Regex.Match(r, "data-claim=\"([^\"]+)\"").Groups[1].Value).ToList();
        Assert.That(shown, Does.Contain("tcp.oob/ipv6").And.Contain("tcp.getservbyname").And.Not.Contain("tcp.oob"));
        Assert.That(shown, Has.Count.EqualTo(Catalogue.Default.Rows.Count(r => r.Family != "ipv4")));
    }

    /// <summary>The predicted columns (FreeBSD and Windows here; the fixtures' macOS run replaces macOS's) are marked in
    /// the header and in every cell, and the platform filter treats them as any other column.</summary>
    [Test]
    public void PredictedColumnsAreMarkedInTheHeaderAndEveryCell()
    {
        var dir = Path.Combine(RepositoryRoot.Find()!, "artifacts", "browser-predicted");
        var inputs = ResultsSet.Paths([MatrixFixtures.Folder]).Select(ResultsSet.LoadAsWritten);
        Harness.Commands.MatrixCommand.Write(new CompatMatrix(inputs, Catalogue.Default, ExpectationTable.Default), dir);

        var dom = Dump(Path.Combine(dir, "matrix.html"), "#platform=freebsd-predicted,windows-predicted");

        Assert.That(PredictedHeader().Matches(dom).Select(m => m.Groups[1].Value),
            Is.EquivalentTo(new[] { "freebsd-predicted", "windows-predicted" }.SelectMany(p => Layers.All.Select(l => LayerColumns.ColumnId(p, l)))));
        var shown = CellTag().Matches(dom).Select(m => m.Value).Where(t => !t.Contains(" hidden", StringComparison.Ordinal)).ToList();
        Assert.That(shown, Is.Not.Empty);
        Assert.That(shown, Has.All.Contains("data-predicted=\"true\""), "only the predicted columns are left, each cell marked");
        Assert.That(dom, Does.Contain("<b>predicted</b>: no run has shown it"), "the legend says what the marking means");
    }

    [Test]
    public void TheScreenshotIsTaken()
    {
        var page = Page();
        var png = Path.Combine(Path.GetDirectoryName(page)!, "matrix.png");
        File.Delete(png);
        Chrome($"--screenshot={png}", "--window-size=1400,1000", new Uri(page).AbsoluteUri);
        Assert.That(new FileInfo(png).Length, Is.GreaterThan(10_000), "a screenshot of a rendered page");
        TestContext.Out.WriteLine($"screenshot: {png}");
    }

    private static string Dump(string page, string hash) =>
        Chrome("--dump-dom", "--virtual-time-budget=3000", new Uri(page).AbsoluteUri + hash);

    private static string Chrome(params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("conformance-chromium-");
        try
        {
            var result = ExternalProgram.Run(Chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", .. args],
                TimeSpan.FromSeconds(60));
            if (result.TimedOut)
            {
                Assert.Fail("Chromium did not finish within 60 s");
            }

            return result.Exit == 0 ? DomOf(result.Output) : throw new AssertionException($"Chromium exited {result.Exit}: {result.Output}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>--dump-dom prints the page on standard output; Chromium's own warnings, on standard error, come
    /// interleaved with it, so keep what starts at the document.</summary>
    private static string DomOf(string output)
    {
        var start = output.IndexOf("<html", StringComparison.Ordinal);
        return start < 0 ? output : output[start..];
    }

    private static string Unavailable(string why)
    {
        throw Prerequisite.Missing(why, ".ci/run installs it");
    }

    [GeneratedRegex("<tr data-claim=\"[^\"]+\"[^>]*>")]
    private static partial Regex ClaimRow();

    [GeneratedRegex("<th data-platform=\"([^\"]+)\"")]
    private static partial Regex PlatformHeader();

    [GeneratedRegex("<th data-platform=\"([^\"]+)\"[^>]*data-predicted=\"true\"")]
    private static partial Regex PredictedHeader();

    [GeneratedRegex("<td class=\"cell [^\"]*\" data-platform=\"[^\"]+\"[^>]*>")]
    private static partial Regex CellTag();
}
