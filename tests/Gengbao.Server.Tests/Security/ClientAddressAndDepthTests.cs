using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Gengbao.Security.Access;
using Gengbao.Security.Passwords;
using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Gengbao.TestSupport;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace Gengbao.Server.Tests.Security;

/// <summary>
/// The real server on Kestrel: which client address the audit log records behind a proxy (X-Forwarded-For is believed
/// only from configured proxies), and that an over-deep JSON body is refused with 400 before any handler runs.
/// </summary>
public sealed class ClientAddressAndDepthTests : IAsyncLifetime
{
    private const string Password = "Forwarded-Fixture-2026!";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("gengbao-forwarded-");
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = GengbaoDatabase.CreateDataSource(await ThrowawayCluster.CreateDatabaseAsync("forwarded"));
        await new AccountStore(new OwnerConnections(_dataSource)).CreateAsync(
            new NewAccount("proxy-user", new PasswordHasher().Hash(Password), Role.SystemAdmin, RegionScope.Parse(""), "代理测试"), "fixture");
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _work.Delete(recursive: true);
    }

    private async Task<(WebApplication App, HttpClient Client)> StartAsync(params string[] settings)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        var app = GengbaoServer.Build(["--Logging:LogLevel:Default=Warning", $"--Gengbao:KeyDirectory={Path.Combine(_work.FullName, "keys")}",
            "--Gengbao:Patrol:Scheduler=false", .. settings], _dataSource, url);
        await app.StartAsync();
        return (app, new HttpClient { BaseAddress = new Uri(url) });
    }

    /// <summary>Logs in with a forwarded address and returns the address the audit entry of that login holds.</summary>
    private async Task<string> AuditedAddressOfLoginAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = "proxy-user", password = Password }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var command = _dataSource.CreateCommand("SELECT ip FROM audit_log WHERE action LIKE 'POST /api/auth/login%' ORDER BY seq DESC LIMIT 1");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_audit_log_records_the_forwarded_address_only_from_a_trusted_proxy()
    {
        var (untrusting, client) = await StartAsync();
        try
        {
            Assert.Equal("127.0.0.1", await AuditedAddressOfLoginAsync(client, "203.0.113.7"));
        }
        finally
        {
            client.Dispose();
            await untrusting.DisposeAsync();
        }
        var (trusting, proxied) = await StartAsync("--Gengbao:Security:TrustedProxies:0=127.0.0.1");
        try
        {
            Assert.Equal("203.0.113.7", await AuditedAddressOfLoginAsync(proxied, "203.0.113.7"));
            // Only the proxy's own hop is believed: an address the client put before it stays unbelieved.
            Assert.Equal("198.51.100.9", await AuditedAddressOfLoginAsync(proxied, "203.0.113.7, 198.51.100.9"));
        }
        finally
        {
            proxied.Dispose();
            await trusting.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_json_body_nested_deeper_than_the_limit_is_refused_with_400()
    {
        var (app, client) = await StartAsync();
        try
        {
            static string Nested(int depth) =>
                "{\"username\":\"proxy-user\",\"password\":\"wrong\",\"extra\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";
            using var shallow = await client.PostAsync("/api/auth/login", new StringContent(Nested(GengbaoServer.MaxJsonDepth - 1), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, shallow.StatusCode); // read, then refused as a wrong password
            using var deep = await client.PostAsync("/api/auth/login", new StringContent(Nested(GengbaoServer.MaxJsonDepth + 2), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, deep.StatusCode);
        }
        finally
        {
            client.Dispose();
            await app.DisposeAsync();
        }
    }
}
