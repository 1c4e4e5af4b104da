using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// Time to first features of the one map (issue 7: within 2 s of load), as a user meets it: a fresh browser context
// each run (no HTTP cache, no service worker), signed in by cookie, clock started before navigation. Two moments:
// the first features of any layer in the loaded tiles, and the first complete render (every visible tile drawn).
//   dotnet FirstPaint.dll BASE_URL SESSION_TOKEN [RUNS]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: FirstPaint BASE_URL SESSION_TOKEN [RUNS]");
    return 2;
}
var baseUrl = args[0];
var token = args[1];
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
var summary = new List<string>();
foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
{
    var first = new List<double>();
    var complete = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        await context.AddCookiesAsync([new Cookie { Name = "gengbao_session", Value = token, Url = baseUrl }]);
        var page = await context.NewPageAsync();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => window.__gengbao && ['admin', 'dltb', 'yjjbnt', 'bhtb'].some(l => window.__gengbao.featuresInView(l) > 0)",
            null, new PageWaitForFunctionOptions { PollingInterval = 5, Timeout = 60_000 });
        first.Add(clock.Elapsed.TotalMilliseconds);
        await page.WaitForFunctionAsync("() => window.__gengbao.ready === true && window.__gengbao.renderComplete > 0",
            null, new PageWaitForFunctionOptions { PollingInterval = 5, Timeout = 60_000 });
        complete.Add(clock.Elapsed.TotalMilliseconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{width} px run {run + 1}: first features {first[^1]:F0} ms, complete render {complete[^1]:F0} ms"));
    }
    first.Sort();
    complete.Sort();
    summary.Add(string.Create(CultureInfo.InvariantCulture,
        $"{width} px median first features {first[first.Count / 2]:F0} ms (max {first[^1]:F0}), complete {complete[complete.Count / 2]:F0} ms (max {complete[^1]:F0})"));
}
Console.WriteLine("first paint: " + string.Join("; ", summary));
return 0;
