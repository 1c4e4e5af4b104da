using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gengbao.Security.Access;
using Gengbao.Server.Tests.Apis;

namespace Gengbao.Server.Tests.Security;

/// <summary>Login, cookie and bearer sessions, lockout, idle and absolute expiry, logout, password change, disabled accounts.</summary>
public sealed class AuthApiTests(AccountsServerFixture server) : IClassFixture<AccountsServerFixture>
{
    private static string NewName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task LoginSetsAStrictHttpOnlyCookieAndReturnsTokenAndUser()
    {
        var name = NewName("login");
        await server.CreateUserAsync(name, Role.FieldManager, "622921103");
        using var client = server.Anonymous();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { username = name, password = ServerFixture.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("gengbao_session=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var user = body.RootElement.GetProperty("user");
        Assert.Equal(name, user.GetProperty("username").GetString());
        Assert.Equal("field_manager", user.GetProperty("role").GetString());
        Assert.Equal("622921103", user.GetProperty("regionCode").GetString());
        var token = body.RootElement.GetProperty("token").GetString()!;
        Assert.True(body.RootElement.GetProperty("expiresAt").GetDateTimeOffset() > server.Clock.GetUtcNow());

        // The cookie alone authenticates, and so does the bearer token alone.
        using var viaCookie = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        viaCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(viaCookie)).StatusCode);
        using var viaBearer = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        viaBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(viaBearer)).StatusCode);

        // Only the hash of the token is stored.
        Assert.Equal("0", await server.ScalarAsync($"SELECT count(*) FROM app_session WHERE token_hash = '{token}'"));
    }

    [Fact]
    public async Task UnknownUserAndWrongPasswordGetTheSameAnswer()
    {
        var name = NewName("same");
        await server.CreateUserAsync(name, Role.Leader, "6229");
        using var client = server.Anonymous();
        using var unknown = await client.PostAsJsonAsync("/api/auth/login", new { username = "nobody-" + name, password = "Whatever-2026!" });
        using var wrong = await client.PostAsJsonAsync("/api/auth/login", new { username = name, password = "Whatever-2026!" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(
            JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(),
            JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task FiveFailuresLockTheAccountForFifteenMinutes()
    {
        var name = NewName("lock");
        await server.CreateUserAsync(name, Role.Enforcement, "622921");
        using var client = server.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/auth/login", new { username = name, password = "Wrong-password-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        using (var locked = await client.PostAsJsonAsync("/api/auth/login", new { username = name, password = ServerFixture.Password }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
            Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        }
        Assert.NotEqual("", await server.ScalarAsync($"SELECT locked_until FROM app_user WHERE username = '{name}'"));
        server.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var after = await client.PostAsJsonAsync("/api/auth/login", new { username = name, password = ServerFixture.Password });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("0", await server.ScalarAsync($"SELECT failed_attempts FROM app_user WHERE username = '{name}'"));
    }

    [Fact]
    public async Task IdleSessionExpires()
    {
        var name = NewName("idle");
        await server.CreateUserAsync(name, Role.FieldManager, "622921");
        using var client = await server.LoginAsync(name);
        server.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        server.Clock.Advance(TimeSpan.FromMinutes(29)); // 29 min after the last use: still alive
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        server.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task SessionInUseStillEndsAtTheAbsoluteExpiry()
    {
        var name = NewName("abs");
        await server.CreateUserAsync(name, Role.FieldManager, "622921");
        using var client = await server.LoginAsync(name);
        for (var minutes = 0; minutes < 12 * 60 - 20; minutes += 20)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        }
        server.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task LogoutEndsTheSession()
    {
        var name = NewName("logout");
        await server.CreateUserAsync(name, Role.Leader, "6229");
        using var client = await server.LoginAsync(name);
        using var logout = await client.PostAsync("/api/auth/logout", null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode); // leaders are read-only, but may log out
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task PasswordChangeFollowsTheRulesAndEndsOtherSessions()
    {
        var name = NewName("pw");
        await server.CreateUserAsync(name, Role.FieldManager, "622921");
        using var first = await server.LoginAsync(name);
        using var second = await server.LoginAsync(name);
        using var weak = await first.PostAsJsonAsync("/api/auth/password", new { currentPassword = ServerFixture.Password, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        using var wrong = await first.PostAsJsonAsync("/api/auth/password", new { currentPassword = "Not-the-password-1", newPassword = "Brand-New-Pass-42" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var changed = await first.PostAsJsonAsync("/api/auth/password", new { currentPassword = ServerFixture.Password, newPassword = "Brand-New-Pass-42" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/auth/me")).StatusCode);
        (await server.LoginAsync(name, "Brand-New-Pass-42")).Dispose();
    }

    [Fact]
    public async Task DisabledAccountCannotLoginAndItsSessionsStopAtOnce()
    {
        var name = NewName("dis");
        await server.CreateUserAsync(name, Role.FieldManager, "622921");
        using var client = await server.LoginAsync(name);
        using var admin = await server.LoginAsync(ServerFixture.AdminUsername); // other tests move the clock past the fixture's session
        using var disable = await admin.PostAsync($"/api/admin/users/{name}/disable", null);
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
        using var login = await server.Anonymous().PostAsJsonAsync("/api/auth/login", new { username = name, password = ServerFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task ResponsesCarryTheSecurityHeaders()
    {
        using var response = await server.Anonymous().GetAsync("/health");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
