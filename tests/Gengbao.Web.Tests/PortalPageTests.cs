using System.Text.Json;

namespace Gengbao.Web.Tests;

/// <summary>
/// 公众服务 (portal.html) as a citizen uses it, without an account: look up a policy, report a clue on the map with a
/// photo and get a tracking number, then follow it by that number.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PortalPageTests(WebFixture fixture)
{
    // A real 2×2 PNG: the server checks images by content, not by name.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGMQaDAAIgYIBQAUjgMBymt0hwAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Policy_search_keeps_only_the_policies_that_mention_every_word()
    {
        await using var session = await PageSession.OpenAsync(fixture, 1280, signedIn: false);
        await session.Page.GotoAsync("/portal.html");
        // The articles come from the server (editable by admins): every published one is listed.
        var published = await fixture.ScalarAsync<long>("SELECT count(*) FROM portal_article WHERE published");
        await session.Page.WaitForFunctionAsync($"() => document.querySelectorAll('#policy-list > li').length === {published}");
        var all = await session.Page.Locator("#policy-list > li").CountAsync();
        Assert.True(all >= 8, $"{all} policies listed");
        // The negative-list chip keeps only negative-list entries.
        await session.Page.ClickAsync("#policy-kinds [data-kind='negative_list']");
        var negative = await fixture.ScalarAsync<long>("SELECT count(*) FROM portal_article WHERE published AND kind = 'negative_list'");
        Assert.Equal(negative, await session.Page.Locator("#policy-list > li").CountAsync());
        Assert.All(await session.Page.Locator("#policy-list > li p").AllInnerTextsAsync(), text => Assert.StartsWith("负面清单", text));
        await session.Page.ClickAsync("#policy-kinds [data-kind='']");
        await session.Page.FillAsync("#policy-query", "永久基本农田 建房");
        var items = await session.Page.Locator("#policy-list > li").AllInnerTextsAsync();
        Assert.InRange(items.Count, 1, all - 1);
        Assert.All(items, text => Assert.True(text.Contains("永久基本农田", StringComparison.Ordinal) && text.Contains("建房", StringComparison.Ordinal), text));
        Assert.Equal($"共 {items.Count} 条", await session.Page.InnerTextAsync("#policy-count"));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_citizen_reports_a_clue_on_the_map_and_follows_it_by_its_tracking_number()
    {
        await using var session = await PageSession.OpenAsync(fixture, 1280, signedIn: false);
        var page = session.Page;
        await page.GotoAsync("/portal.html#report");
        // The county and township outlines come from the anonymous regions endpoint.
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.regions) > 0");
        var regions = int.Parse(await page.EvaluateAsync<string>("() => document.body.dataset.regions"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(await fixture.ScalarAsync<long>("SELECT count(DISTINCT code) FROM admin_unit WHERE level IN (3, 4)"), regions);

        // Submitting without a position is refused in the page, nothing sent.
        await page.FillAsync("#report-description", "村北耕地上有人挖塘，已挖深约两米。");
        await page.ClickAsync("#report-submit");
        Assert.Contains("地图", await page.InnerTextAsync("#report-error"));

        var box = (await page.Locator("#report-map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        Assert.StartsWith("已选位置", await page.InnerTextAsync("#report-position"));
        await page.SetInputFilesAsync("#report-photos", new Microsoft.Playwright.FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Png });
        await page.FillAsync("#report-contact", "13812345678");
        await page.ClickAsync("#report-submit");
        await page.WaitForSelectorAsync("#report-done:not([hidden])");
        var number = (await page.InnerTextAsync("#report-number")).Trim();
        Assert.False(string.IsNullOrEmpty(number));
        await session.ScreenshotAsync("portal-reported");

        // The server holds it: anonymous status look-up by number, without the contact.
        using var status = await fixture.Http.GetAsync($"/api/public/clues/{Uri.EscapeDataString(number)}");
        var body = await status.Content.ReadAsStringAsync();
        Assert.True(status.IsSuccessStatusCode, body);
        Assert.DoesNotContain("13812345678", body, StringComparison.Ordinal);
        var label = JsonDocument.Parse(body).RootElement.GetProperty("statusLabel").GetString()!;

        await page.ClickAsync("[data-tab=track]");
        await page.ClickAsync($"#track-mine button:has-text('{number}')");
        await page.WaitForSelectorAsync("#track-result:not([hidden])");
        Assert.Equal(number, await page.InnerTextAsync("#track-result-number"));
        Assert.Equal(label, await page.InnerTextAsync("#track-status"));
        Assert.True(await page.Locator("#track-history li").CountAsync() >= 1);

        await page.FillAsync("#track-number", "NO-SUCH-NUMBER");
        await page.ClickAsync("#track-form button[type=submit]");
        await page.WaitForSelectorAsync("#track-error:not([hidden])");
        Assert.Contains("未找到", await page.InnerTextAsync("#track-error"));
        await session.ScreenshotAsync("portal-track");
        session.Errors.Clear(); // the unknown number's 404 is by design
    }
}
