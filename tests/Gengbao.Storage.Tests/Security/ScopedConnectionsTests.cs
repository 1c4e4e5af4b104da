using Gengbao.Security.Access;
using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Gengbao.TestSupport;
using Npgsql;

namespace Gengbao.Storage.Tests.Security;

/// <summary>
/// The data layer's one scope mechanism (migration 0004 + ScopedConnections): row-level security by region, fail
/// closed without a region, column grants of the request roles, and pooled connections that come back clean.
/// </summary>
public sealed class ScopedConnectionsTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = GengbaoDatabase.CreateDataSource(await ThrowawayCluster.CreateDatabaseAsync("scoped"));
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO layer_version (layer, county_code, year, status, source_file, source_layer, source_sha256, feature_count, srid)
            VALUES ('DLTB', '622921', 2024, 'current', 'a.gpkg', 'DLTB', '-', 0, 4522),
                   ('DLTB', '622922', 2024, 'current', 'b.gpkg', 'DLTB', '-', 0, 4522),
                   ('DLTB', '130102', 2024, 'current', 'c.gpkg', 'DLTB', '-', 0, 4546)
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private async Task<string> CountiesAsync(DataScope scope)
    {
        await using var connection = await new ScopedConnections(_dataSource, scope).OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(string_agg(county_code, ',' ORDER BY county_code), '') FROM layer_version", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData("", "130102,622921,622922")]
    [InlineData("62", "622921,622922")]
    [InlineData("6229", "622921,622922")]
    [InlineData("622921", "622921")]
    [InlineData("622921103", "622921")] // layer_version has no finer key than the county
    [InlineData("13", "130102")]
    [InlineData("6201", "")]
    public async Task RowsAreThoseOfTheRegion(string region, string expected) =>
        Assert.Equal(expected, await CountiesAsync(DataScope.ForRegion(RegionScope.Parse(region))));

    [Fact]
    public async Task NoRegionMeansNoRows() => Assert.Equal("", await CountiesAsync(DataScope.Nothing));

    [Fact]
    public async Task APooledConnectionReturnsToTheOwnerWithoutRoleOrRegion()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("622921", await CountiesAsync(DataScope.ForRegion(RegionScope.Parse("622921"))));
            await using var command = _dataSource.CreateCommand("SELECT current_user || '|' || coalesce(current_setting('gengbao.region', true), '')");
            Assert.Equal("gengbao|", await command.ExecuteScalarAsync());
            await using var all = _dataSource.CreateCommand("SELECT count(*) FROM layer_version");
            Assert.Equal(3L, await all.ExecuteScalarAsync());
        }
    }

    [Theory]
    [InlineData("gengbao_public", "SELECT dlbm, zldwdm, tbmj, spatial_code FROM dltb", true)]
    [InlineData("gengbao_public", "SELECT bsm FROM dltb", false)]
    [InlineData("gengbao_public", "SELECT * FROM bhtb", false)]
    [InlineData("gengbao_public", "SELECT * FROM layer_version", false)]
    [InlineData("gengbao_public", "SELECT username FROM app_user", false)]
    [InlineData("gengbao_web", "SELECT * FROM dltb", true)]
    [InlineData("gengbao_web", "SELECT username, role, region_code FROM app_user", true)]
    [InlineData("gengbao_web", "SELECT password_hash FROM app_user", false)]
    [InlineData("gengbao_web", "SELECT * FROM app_session", false)]
    [InlineData("gengbao_web", "SELECT * FROM audit_log", false)]
    [InlineData("gengbao_web", "INSERT INTO audit_log (seq, at, actor, role, ip, action, target, prev_hash, hash) VALUES (1, now(), '', '', '', '', '', '', '')", false)]
    [InlineData("gengbao_web", "DELETE FROM dltb", false)]
    [InlineData("gengbao_web", "UPDATE app_user SET password_hash = ''", false)]
    public async Task RequestRolesHoldOnlyTheirGrants(string role, string sql, bool allowed)
    {
        var scope = role == DataScope.PublicRole ? DataScope.Public : DataScope.ForRegion(RegionScope.Country);
        await using var connection = await new ScopedConnections(_dataSource, scope).OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (allowed)
        {
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }
    }

    [Fact]
    public async Task AnAdminCannotCreateAnAccountOutsideHisRegion()
    {
        var store = new AccountStore(new ScopedConnections(_dataSource, DataScope.ForRegion(RegionScope.Parse("622921"))));
        await store.CreateAsync(new NewAccount("inside", "$argon2id$x", Role.FieldManager, RegionScope.Parse("622921103")), "t");
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            store.CreateAsync(new NewAccount("outside", "$argon2id$x", Role.FieldManager, RegionScope.Parse("622922")), "t"));
        Assert.Equal(["inside"], (await store.ListAsync()).Select(a => a.Username));
        Assert.False(await store.SetDisabledAsync("admin-elsewhere", true));
    }
}
