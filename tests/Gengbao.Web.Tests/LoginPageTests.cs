namespace Gengbao.Web.Tests;

/// <summary>Signing in: a page opened without a session goes to 登录 and comes back to the map after signing in.</summary>
[Collection(WebCollection.Name)]
public sealed class LoginPageTests(WebFixture fixture)
{
    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Without_a_session_the_map_asks_to_sign_in_then_opens(int width)
    {
        await using var session = await PageSession.OpenAsync(fixture, width, signedIn: false);
        await session.Page.GotoAsync("/");
        // Generous: on a loaded machine the first page of a fresh browser context took over 30 s twice (2026-12-06).
        await session.Page.WaitForURLAsync("**/login.html?next=*", new() { Timeout = 90_000 });
        // The 401 that sent the page here is expected; everything after it must be clean.
        session.Errors.Clear();

        await session.Page.FillAsync("#login-username", WebFixture.Username);
        await session.Page.FillAsync("#login-password", "not-the-password-1A");
        await session.Page.ClickAsync("#login-submit");
        await session.Page.WaitForSelectorAsync("#login-error:not([hidden])");
        Assert.Contains("不正确", await session.Page.InnerTextAsync("#login-error"));
        await session.ScreenshotAsync("login-refused");
        session.Errors.Clear(); // the refused login is a 401 by design

        await session.Page.FillAsync("#login-password", WebFixture.Password);
        await session.Page.ClickAsync("#login-submit");
        await session.Page.WaitForURLAsync(fixture.BaseUrl + "/", new() { Timeout = 90_000 });
        await session.Page.WaitForFunctionAsync("() => window.__gengbao && window.__gengbao.ready === true");
        await session.ScreenshotAsync("login-then-map");
        session.AssertNoErrors();
    }
}
