using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace MedSummary.Pipeline.Tests.Reports;

/// <summary>
/// Debian's headless Chromium driven by Playwright (its bundled driver runs offline; no browser is downloaded): one
/// page, and every console error, uncaught exception and failed request it meets (a content-security-policy
/// violation is a console error). No Chromium installed is a failure saying how to install it, never a skip: CI
/// installs it through scripts/bootstrap.sh.
/// </summary>
internal sealed class ReportBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly ConcurrentQueue<string> _errors = new();

    private ReportBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "assert")
            {
                _errors.Enqueue("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Enqueue("exception: " + error);
        page.RequestFailed += (_, request) => _errors.Enqueue("request failed: " + request.Url);
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>$MEDSUMMARY_CHROMIUM, else chromium or chromium-browser on the PATH.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("MEDSUMMARY_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
    }

    public static async Task<ReportBrowser> StartAsync()
    {
        var chromium = FindChromium() ?? throw new InvalidOperationException(
            "Chromium is not installed: the report's browser test needs Debian's 'chromium' (scripts/bootstrap.sh installs it, or apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 1400 } });
            return new ReportBrowser(playwright, browser, page);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async Task OpenAsync(string file)
    {
        _errors.Clear();
        await Page.GotoAsync(new Uri(Path.GetFullPath(file)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
