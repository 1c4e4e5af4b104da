using System.Net;
using System.Net.Http.Json;
using Gengbao.Security.Access;
using Gengbao.Server.Tests.Apis;
using Gengbao.Storage.Audit;
using Gengbao.Storage.Database;
using Npgsql;

namespace Gengbao.Server.Tests.Security;

/// <summary>Writes and sensitive reads through the API land in the SM3 chain; the chain resists editing and deletion.</summary>
public sealed class AuditTrailTests(AccountsServerFixture server) : IClassFixture<AccountsServerFixture>
{
    [Fact]
    public async Task WritesRefusalsAndSensitiveReadsAreAuditedInAnUnbrokenChain()
    {
        using var admin = await server.LoginAsync(ServerFixture.AdminUsername);
        using var created = await admin.PostAsJsonAsync("/api/admin/users",
            new { username = "audited-user", role = "field_manager", regionCode = "622921103", displayName = "李四", phone = "13812341234" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/users")).StatusCode);
        await server.CreateUserAsync("audited-leader", Role.Leader, "6229");
        using var leader = await server.LoginAsync("audited-leader");
        using var refused = await leader.PostAsJsonAsync("/api/admin/users", new { username = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        Assert.Equal("1", await server.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE actor = 'fixture-admin' AND role = 'system_admin' AND action = 'POST /api/admin/users' AND target = 'user:audited-user' AND detail->>'status' = '201'"));
        Assert.Equal("1", await server.ScalarAsync("SELECT count(*) FROM audit_log WHERE actor = 'fixture-admin' AND action = 'GET /api/admin/users'"));
        Assert.Equal("1", await server.ScalarAsync("SELECT count(*) FROM audit_log WHERE actor = 'audited-leader' AND action = 'POST /api/admin/users' AND detail->>'status' = '403'"));
        Assert.Equal("1", await server.ScalarAsync("SELECT count(*) FROM audit_log WHERE actor = 'audited-leader' AND action = 'POST /api/auth/login' AND detail->>'outcome' = 'success'"));
        // Personal data is encrypted at rest: the phone number is nowhere in the row.
        Assert.Equal("False", await server.ScalarAsync("SELECT position(convert_to('13812341234', 'UTF8') in phone_enc) > 0 FROM app_user WHERE username = 'audited-user' AND phone_enc IS NOT NULL"));
        Assert.Equal("0", await server.ScalarAsync("SELECT count(*) FROM audit_log WHERE detail::text LIKE '%" + ServerFixture.Password + "%'"));

        await using var dataSource = GengbaoDatabase.CreateDataSource(server.ConnectionString);
        var (entries, broken) = await new AuditLog(dataSource).VerifyAsync();
        Assert.Null(broken);
        Assert.True(entries >= 5);
    }

    [Fact]
    public async Task UpdateDeleteAndTruncateAreRefusedByTheDatabase()
    {
        await new AuditLog(GengbaoDatabase.CreateDataSource(server.ConnectionString)).AppendAsync(
            new AuditRecord(DateTime.UtcNow, "t", "t", "", "test", "t"));
        foreach (var sql in new[] { "UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => server.ScalarAsync(sql));
            Assert.Contains("append-only", e.MessageText);
        }
    }
}
