using Microsoft.Playwright;

namespace Conformance.Harness.Tests.Matrix;

/// <summary>A fixture's Chromium: the browser this machine has (never one downloaded), headless, driven through
/// Playwright; one browser per fixture, one page per test.</summary>
public abstract class InChromium
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    [OneTimeSetUp]
    public async Task StartTheBrowser()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists)
            ?? throw Prerequisite.Missing("Chromium is not installed (apt-get install chromium)", ".ci/run installs it");
        _playwright = await Playwright.CreateAsync();
        // The page's script answers a click at once; a machine busy with other work (a CI run's guests) may take
        // seconds to paint it. The bound is for a page that never answers.
        Assertions.SetDefaultExpectTimeout(15_000);
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    [OneTimeTearDown]
    public async Task StopTheBrowser()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A new page showing <paramref name="file"/> with <paramref name="hash"/>, at a viewport of the given size.</summary>
    protected async Task<IPage> Open(string file, string hash = "", int width = 1400, int height = 1000)
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await page.GotoAsync(new Uri(file).AbsoluteUri + hash);
        return page;
    }

    /// <summary>The row keys of the table's rows that are shown.</summary>
    protected static Task<string[]> ShownRows(IPage page) =>
        page.Locator("#matrix tbody tr:not([hidden])").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.claim)");
}
