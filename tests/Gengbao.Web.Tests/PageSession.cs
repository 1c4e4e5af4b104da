using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Gengbao.Web.Tests;

/// <summary>
/// One browser page at a given viewport width that records console errors, page errors, failed requests and tile
/// responses, and saves screenshots named after the test and width.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public IPage Page { get; }

    public IBrowserContext Context => _context;

    public int Width { get; }

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>HTTP status of every /tiles/ response.</summary>
    public ConcurrentQueue<(string Url, int Status)> TileResponses { get; } = new();

    private PageSession(IBrowserContext context, IPage page, int width)
    {
        _context = context;
        Page = page;
        Width = width;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Errors.Enqueue($"page error: {error}");
        page.RequestFailed += (_, request) => Errors.Enqueue($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/tiles/", StringComparison.Ordinal))
            {
                TileResponses.Enqueue((response.Url, response.Status));
            }
            else if (response.Status >= 400)
            {
                Errors.Enqueue($"HTTP {response.Status}: {response.Url}");
            }
        };
    }

    /// <summary>A phone (390 × 844) or desktop (1366 × 900) page on the fixture's server, signed in unless told not to be.</summary>
    public static async Task<PageSession> OpenAsync(WebFixture fixture, int width, bool signedIn = true, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 900 },
            DeviceScaleFactor = 1,
            Locale = "zh-CN",
            IsMobile = width < 600,
            HasTouch = false,
        };
        configure?.Invoke(options);
        var context = await fixture.Browser.NewContextAsync(options);
        if (signedIn)
        {
            await context.AddCookiesAsync([new Cookie { Name = "gengbao_session", Value = fixture.SessionToken, Url = fixture.BaseUrl }]);
        }
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new PageSession(context, page, width);
    }

    public async Task GotoAndWaitReadyAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.WaitForFunctionAsync("() => window.__gengbao && window.__gengbao.ready === true");
    }

    /// <summary>Waits until the map has rendered completely after something moved it.</summary>
    public async Task WaitForMapIdleAsync(int renderCompleteBefore)
    {
        await Page.WaitForFunctionAsync($"() => window.__gengbao.renderComplete > {renderCompleteBefore}");
    }

    public async Task<int> RenderCompleteCountAsync() => await Page.EvaluateAsync<int>("() => window.__gengbao.renderComplete");

    public async Task<T> EvalAsync<T>(string script, object? arg = null) => await Page.EvaluateAsync<T>(script, arg);

    public async Task<JsonElement> EvalJsonAsync(string script, object? arg = null) =>
        (await Page.EvaluateAsync<JsonElement?>(script, arg)) ?? throw new InvalidOperationException($"null from {script}");

    /// <summary>Saves a full-page screenshot as <c>{name}-{width}.png</c> in the screenshot folder and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(WebFixture.ScreenshotFolder, $"{name}-{Width}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Fails when the page logged any console error, threw, or got an HTTP error.</summary>
    public void AssertNoErrors() => Assert.True(Errors.IsEmpty, "browser errors:\n" + string.Join("\n", Errors));

    /// <summary>Like <see cref="AssertNoErrors"/>, but errors containing one of <paramref name="expected"/> (a refusal the test provoked) are allowed.</summary>
    public void AssertNoErrorsExcept(params string[] expected)
    {
        var unexpected = Errors.Where(e => !expected.Any(x => e.Contains(x, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "browser errors:\n" + string.Join("\n", unexpected));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
    }
}
