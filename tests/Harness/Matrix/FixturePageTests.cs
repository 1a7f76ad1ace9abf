using Conformance.Harness.Matrix;
using Microsoft.Playwright;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>matrix.html made from the hand-made fixtures (a Linux column with its .NET layer, a macOS column, one cell
/// of every kind): every row and column renders, the filters preset in the address hide what they should, and the
/// predicted columns are marked in the header and every cell.</summary>
[Category("Browser")]
public sealed class FixturePageTests : InChromium
{
    private static string Page(string name, CompatMatrix matrix)
    {
        var dir = Path.Combine(RepositoryRoot.Find()!, "artifacts", name);
        Harness.Commands.MatrixCommand.Write(matrix, dir);
        return Path.Combine(dir, "matrix.html");
    }

    private static int Rows => MatrixFixtures.Catalogue.Rows.Count;

    [Test]
    public async Task EveryClaimRowAndPlatformColumnRenders()
    {
        var page = await Open(Page("browser-fixtures", MatrixFixtures.Matrix()));
        Assert.That(await page.Locator("#matrix tbody tr").CountAsync(), Is.EqualTo(Rows));
        Assert.That(await page.Locator("#matrix thead th[data-platform]").EvaluateAllAsync<string[]>("ths => ths.map(t => t.dataset.platform)"),
            Is.EqualTo(new[] { "linux-fixture-1-x64", "linux-fixture-1-x64@dotnet", "macos-15-arm64" }));
        await Assertions.Expect(page.Locator("#shown")).ToHaveTextAsync($"{Rows} of {Rows} rows");
    }

    [Test]
    public async Task AVerdictFilterHidesTheOtherRows()
    {
        var page = await Open(Page("browser-fixtures", MatrixFixtures.Matrix()), "#verdict=documented,differs");
        Assert.That(await ShownRows(page), Is.EquivalentTo(new[] { "tcp.write-after-rst", "tcp.sigpipe", "opt.rcvbuf-readback" }));
        await Assertions.Expect(page.Locator("#shown")).ToHaveTextAsync($"3 of {Rows} rows");
    }

    [Test]
    public async Task TheFamilyFilterHidesTheIpv4RunsOfClaimsThatRunOverBoth()
    {
        var page = await Open(Page("browser-fixtures", MatrixFixtures.Matrix()), "#family=ipv6");
        var shown = await ShownRows(page);
        Assert.That(shown, Does.Contain("tcp.sigpipe/ipv6").And.Contain("tcp.time-wait-duration").And.Not.Contain("tcp.sigpipe"));
        Assert.That(shown, Has.Length.EqualTo(MatrixFixtures.Catalogue.Rows.Count(r => r.Family != "ipv4")));
    }

    /// <summary>The predicted columns (FreeBSD and Windows here; the fixtures' macOS run replaces macOS's) are marked in
    /// the header and in every cell, and the platform filter treats them as any other column.</summary>
    [Test]
    public async Task PredictedColumnsAreMarkedInTheHeaderAndEveryCell()
    {
        var inputs = ResultsSet.Paths([MatrixFixtures.Folder]).Select(ResultsSet.LoadAsWritten);
        var file = Page("browser-predicted", new CompatMatrix(inputs, MatrixFixtures.Catalogue, ExpectationTable.Default));
        var page = await Open(file, "#platform=freebsd-predicted,windows-predicted");

        Assert.That(await page.Locator("#matrix thead th.predicted").EvaluateAllAsync<string[]>("ths => ths.map(t => t.dataset.platform)"),
            Is.EquivalentTo(new[] { "freebsd-predicted", "windows-predicted" }.SelectMany(p => Layers.All.Select(l => LayerColumns.ColumnId(p, l)))));
        var shownCells = page.Locator("#matrix tbody tr:not([hidden]) td.cell:not([hidden])");
        Assert.That(await shownCells.CountAsync(), Is.GreaterThan(0));
        Assert.That(await shownCells.EvaluateAllAsync<bool[]>("tds => tds.map(t => t.classList.contains('predicted'))"), Has.All.True,
            "only the predicted columns are left, each cell marked");
        await Assertions.Expect(page.Locator(".legend")).ToContainTextAsync("predicted: no run has shown it");
    }
}
