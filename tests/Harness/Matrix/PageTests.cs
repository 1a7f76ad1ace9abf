using System.Diagnostics;
using Conformance.Harness.Gate;
using Conformance.Harness.Matrix;
using Conformance.Harness.Tests.Commands;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>matrix.html as a person uses it, in the Chromium this machine has, driven through Playwright: made by
/// `conformance matrix --in ci/baselines` (every approved column, and the predicted ones), then read, clicked, typed
/// into and checked for accessibility. Screenshots at desktop and phone widths are kept under artifacts/browser for a
/// person to look at.</summary>
[Category("Browser")]
public sealed class PageTests : InChromium
{
    private static string Root => RepositoryRoot.Find()!;

    private static string Folder => Path.Combine(Root, "artifacts", "browser");

    private static string MatrixJson => Path.Combine(Folder, "matrix.json");

    private CompatMatrix _matrix = null!;

    [OneTimeSetUp]
    public void MakeThePage()
    {
        var (exit, output, error) = CommandLine.Run("matrix", "--in", Path.Combine(Root, "ci", "baselines"), "--out", Folder);
        Assert.That(exit, Is.EqualTo(0), output + error);
        _matrix = new CompatMatrix(ResultsSet.Load([Path.Combine(Root, "ci", "baselines")]), Catalogue.Default, ExpectationTable.Default);
    }

    private Task<IPage> Open(string hash = "", int width = 1400, int height = 1000) =>
        Open(Path.Combine(Folder, "matrix.html"), hash, width, height);

    [Test]
    public async Task TheOverviewCountsEveryColumnAndItsMapLinksIntoTheTable()
    {
        var page = await Open();
        Assert.That(await page.Locator("#overview table.counts tbody tr").CountAsync(), Is.EqualTo(_matrix.Platforms.Count));

        const string column = "linux-debian-12-x64-container";
        var section = _matrix.Catalogue.Rows.Where(r => HtmlRenderer.Sections(r.Claim).Contains("5")).ToList();
        await page.Locator($"#overview table.map a[href='#section=5&platform={column}']").ClickAsync();

        await Assertions.Expect(page.Locator("#shown")).ToHaveTextAsync($"{section.Count} of {_matrix.Catalogue.Rows.Count} rows");
        Assert.That(await page.Locator("#matrix thead th[data-platform]:not([hidden])").AllTextContentsAsync(), Has.Count.EqualTo(1),
            "only the column whose map cell was clicked is left");
    }

    /// <summary>The switch leaves exactly the rows on which the columns that ran disagree, as the findings have them.</summary>
    [Test]
    public async Task TheDisagreeSwitchHidesEveryRowWhoseCellsAllAgree()
    {
        var page = await Open();
        await page.Locator("#disagree").FocusAsync();
        await page.Keyboard.PressAsync("Space"); // the keyboard, as a person without a mouse turns it on

        var shown = await ShownRows(page);
        var disagreeing = Findings.DisagreeingRows(_matrix);
        Assert.That(shown, Is.EquivalentTo(disagreeing));
        Assert.That(shown, Does.Contain("tcp.sigpipe").And.Not.Contain("tcp.read-zero-after-fin"));
        await Assertions.Expect(page.Locator("#shown")).ToHaveTextAsync($"{disagreeing.Count} of {_matrix.Catalogue.Rows.Count} rows");
    }

    /// <summary>Debian 12 against gVisor, picked in the form: the page lists exactly the cells `conformance diff` lists
    /// for the same pair (from the same matrix.json); and so for every other pair of platforms and layers.</summary>
    [Test]
    public async Task ADiffOfTwoColumnsListsExactlyTheCellsConformanceDiffLists()
    {
        var page = await Open("#compare");
        const string from = "linux-debian-12-x64-container", to = "linux-gvisor-0.0-20221219.0-x64-container";
        await page.Locator("#diff-from").SelectOptionAsync(from);
        await page.Locator("#diff-to").SelectOptionAsync(to);

        var listed = await page.Locator("#diff-result tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [...r.children].slice(0, 3).map(c => c.textContent))");
        var expected = Cli(from, to);
        Assert.That(listed.Select(r => (r[0], r[1], r[2])), Is.EquivalentTo(expected).And.Not.Empty);
        await Assertions.Expect(page.Locator("#diff-summary")).ToHaveTextAsync($"{expected.Count} claim(s) differ between {from} and {to}.");

        var selections = await page.Locator("#diff-from option").EvaluateAllAsync<string[]>("options => options.map(o => o.value).filter(v => v)");
        foreach (var (a, b) in selections.SelectMany(a => selections.Where(b => string.CompareOrdinal(a, b) < 0).Select(b => (a, b)))
            .Where(p => p.a.Split('@')[0] == p.b.Split('@')[0] || (!p.a.Contains('@') && !p.b.Contains('@'))))
        {
            var changes = await page.EvaluateAsync<string[][]>("([a, b]) => window.conformance.diff(a, b).map(c => [c.claim, c.before, c.after])", new[] { a, b });
            Assert.That(changes.Select(r => (r[0], r[1], r[2])), Is.EquivalentTo(Cli(a, b)), $"{a} -> {b}");
        }
    }

    /// <summary>What `conformance diff FROM TO --matrix matrix.json` lists: the same reading of the columns and the same
    /// comparison it runs.</summary>
    private static List<(string, string, string)> Cli(string from, string to) =>
        [.. Comparison.Between(MatrixColumns.Read(MatrixJson, from), MatrixColumns.Read(MatrixJson, to), "platform", Catalogue.Default)
            .Select(c => (c.Claim, c.Before, c.After))];

    /// <summary>A claim's permalink opens its view: the FAQ's sentence and section, what the scenario does, and every
    /// column's cell with its reason and reference, linked to its source.</summary>
    [Test]
    public async Task AClaimsPermalinkShowsItsFaqSentenceScenarioAndReferences()
    {
        var claim = Catalogue.Default.Claims.Single(c => c.Id == "tcp.sigpipe");
        var page = await Open("#claim=tcp.sigpipe");
        var view = page.Locator("#claim-view");

        await Assertions.Expect(view).ToBeVisibleAsync();
        await Assertions.Expect(view.Locator("blockquote")).ToHaveTextAsync(claim.Quote!);
        await Assertions.Expect(view).ToContainTextAsync(claim.Scenario);
        await Assertions.Expect(view).ToContainTextAsync($"FAQ section {claim.Faq}");
        Assert.That(await view.Locator("table.claim-cells").CountAsync(), Is.EqualTo(claim.Runs.Count), "a table per family");
        var outcomeRows = await view.Locator("table.claim-cells").First.Locator("tbody tr").CountAsync();
        var columnCount = await page.Locator("#matrix thead th[data-platform]").CountAsync();
        Assert.That(outcomeRows, Is.GreaterThan(1).And.LessThan(columnCount), "one row per distinct outcome, with the columns that share it");
        Assert.That(await view.Locator("a[href^='https://github.com/google/gvisor/blob/']").CountAsync(), Is.GreaterThan(0),
            "gVisor's documented difference links to its source");
        Assert.That(await view.Locator("td.predicted").CountAsync(), Is.GreaterThan(0), "predicted cells are there, marked");

        await page.Locator("#findings a[href='#claim=tcp.oob']").First.ClickAsync(); // a cause links to the claims it moves
        await Assertions.Expect(view.Locator("h2 code")).ToHaveTextAsync("tcp.oob");
    }

    /// <summary>A platform's view, opened from the overview: where gVisor differs from the FAQ, by cause, each cause with
    /// its claims, and a link that compares gVisor with another column.</summary>
    [Test]
    public async Task APlatformsViewListsItsDifferencesByCauseAndComparesIt()
    {
        var page = await Open();
        await page.Locator("#overview tr[data-column='linux-gvisor-0.0-20221219.0-x64-container'] th a").ClickAsync();
        var view = page.Locator("#platform-view");
        await Assertions.Expect(view).ToBeVisibleAsync();
        await Assertions.Expect(view.Locator("h2")).ToContainTextAsync("gVisor");
        Assert.That(await view.Locator("ul.causes > li").CountAsync(), Is.GreaterThan(1), "several causes");
        await Assertions.Expect(view).ToContainTextAsync("never raises SIGPIPE");
        Assert.That(await view.Locator("ul.causes a[href='#claim=tcp.sigpipe']").CountAsync(), Is.GreaterThan(0), "a cause links to the claims it moves");
        await view.Locator("#platform-compare-with").SelectOptionAsync("linux-debian-12-x64-container");
        await view.GetByText("compare the two columns").ClickAsync();
        Assert.That(await page.Locator("#diff-result tbody tr").CountAsync(), Is.GreaterThan(0), "the comparison lists the cells gVisor changes");
        await page.Locator("#overview").ScreenshotAsync(new() { Path = Path.Combine(Folder, "overview.png") });
        var phone = await Open("#platform=linux-gvisor-0.0-20221219.0-x64-container", width: 390, height: 844);
        await phone.Locator("#platform-view").ScreenshotAsync(new() { Path = Path.Combine(Folder, "platform-gvisor-phone.png") });
        var findings = await Open();
        await findings.Locator("#findings").ScreenshotAsync(new() { Path = Path.Combine(Folder, "findings-by-cause.png") });
    }

    [Test]
    public async Task TheKeyboardOpensACellAndFollowsALink()
    {
        var page = await Open();
        var summary = page.Locator("#matrix tbody tr[data-claim='tcp.sigpipe'] td.cell summary").First;
        await summary.PressAsync("Enter"); // focuses the element, then the key, as a person tabbing to it would
        Assert.That(await summary.Locator("xpath=..").GetAttributeAsync("open"), Is.Not.Null, "Enter opens the cell");

        await page.Locator("#matrix tbody tr[data-claim='tcp.oob'] th a").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => location.hash === '#claim=tcp.oob'"); // the link was followed
        await Assertions.Expect(page.Locator("#claim-view h2 code")).ToHaveTextAsync("tcp.oob");
    }

    [Test]
    public async Task TheAccessibilityCheckFindsNoSeriousOrCriticalViolation()
    {
        // One page with everything a reader can open shown at once (a claim's view, a comparison), and the table filtered
        // to one FAQ section and a column of each kind: axe checks what is shown, and every row and cell of the table is
        // the same markup, so a sample of them is the whole (all 5,000 cells take axe minutes).
        const string columns = "linux-debian-12-x64,linux-debian-12-x64@dotnet-async,linux-gvisor-0.0-20221219.0-x64-container,windows-predicted";
        const string hash = "#claim=tcp.sigpipe&from=linux-debian-12-x64-container&to=linux-gvisor-0.0-20221219.0-x64-container&section=2&platform=" + columns;
        var page = await Open(hash);
        await Assertions.Expect(page.Locator("#claim-view")).ToBeVisibleAsync();
        Assert.That(await page.Locator("#diff-result tbody tr").CountAsync(), Is.GreaterThan(0));
        var result = await Axe(page);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes, e.g. {v.Nodes.FirstOrDefault()?.Html})").ToList();
        Assert.That(serious, Is.Empty, $"axe-core on matrix.html{hash}");
        TestContext.Out.WriteLine($"axe-core: {result.Violations.Length} violation(s) in all, none serious or critical; {result.Passes.Length} rules passed");

        // A platform's view, the other thing a reader opens, with its comparison picker.
        const string platformHash = "#platform=linux-gvisor-0.0-20221219.0-x64-container";
        var platform = await Open(platformHash);
        await Assertions.Expect(platform.Locator("#platform-view")).ToBeVisibleAsync();
        var onPlatform = (await Axe(platform)).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes, e.g. {v.Nodes.FirstOrDefault()?.Html})").ToList();
        Assert.That(onPlatform, Is.Empty, $"axe-core on matrix.html{platformHash}");
    }

    /// <summary>axe-core over what the page shows. What it hides (the rows and columns a filter left out, the views not
    /// open) axe does not check, but it walks every element to learn that: taken out first, which halves its time on a
    /// page of over 60,000 elements. Only violations are listed node by node; the passes' nodes are not wanted.</summary>
    private static async Task<AxeResult> Axe(IPage page)
    {
        var clock = Stopwatch.StartNew();
        var removed = await page.EvaluateAsync<int>("() => { const hidden = [...document.querySelectorAll('[hidden]')]; hidden.forEach(e => e.remove()); return hidden.length; }");
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        TestContext.Out.WriteLine($"axe-core: {clock.Elapsed.TotalSeconds:0.0} s, {removed} hidden element(s) taken out first");
        return result;
    }

    /// <summary>Every column of ci/baselines, and the predicted ones: the page loads within a bound, and its size and
    /// load time are printed. Screenshots at desktop and phone widths are kept for a person to look at.</summary>
    [Test]
    public async Task ThePageLoadsQuicklyAndIsPhotographedAtTwoWidths()
    {
        var clock = Stopwatch.StartNew();
        var page = await Open();
        var loaded = clock.Elapsed;
        var size = new FileInfo(Path.Combine(Folder, "matrix.html")).Length;
        TestContext.Out.WriteLine($"matrix.html: {size / 1024} KiB, loaded in {loaded.TotalMilliseconds:0} ms");
        Assert.That(loaded, Is.LessThan(TimeSpan.FromSeconds(5)), "a page that takes longer is not one a person waits for");

        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, "matrix-desktop.png") });
        var phone = await Open("", width: 390, height: 844);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(Folder, "matrix-phone.png") });
        var claim = await Open("#claim=tcp.sigpipe", width: 390, height: 844);
        await claim.Locator("#claim-view").ScreenshotAsync(new() { Path = Path.Combine(Folder, "claim-phone.png") });
        Assert.That(new FileInfo(Path.Combine(Folder, "matrix-phone.png")).Length, Is.GreaterThan(10_000));
    }
}
