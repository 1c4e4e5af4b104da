using System.Net;
using System.Text.Json;
using Gengbao.Security.Access;
using Gengbao.Server.Tests.Apis;

namespace Gengbao.Server.Tests.Security;

/// <summary>
/// Region scope through the real APIs over two imported counties (the sample 622921 and demo 622922): a county
/// user never sees the other county, a township user only his township, a system admin both. Enforced by row-level
/// security, whatever the query asks for.
/// </summary>
public sealed class RegionScopeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<HttpClient> ClientAsync(string name, Role role, string region)
    {
        await server.CreateUserAsync(name, role, region);
        return await server.LoginAsync(name);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static HashSet<string> Counties(JsonElement rows, string property, int length = 6) =>
        rows.EnumerateArray().Select(r => r.GetProperty(property).GetString()![..length]).ToHashSet();

    [Fact]
    public async Task BothCountiesAreLoadedAndTheSystemAdminSeesBoth()
    {
        Assert.Equal(["622921", ServerFixture.SecondCounty], Counties(await GetJsonAsync(server.Client, "/api/onemap/layers"), "countyCode").Order());
        Assert.Equal(["622921", ServerFixture.SecondCounty],
            Counties(await GetJsonAsync(server.Client, "/api/ledger/units?year=2024&level=county"), "code").Order());
    }

    [Theory]
    [InlineData(Role.FieldManager)]
    [InlineData(Role.Leader)]
    [InlineData(Role.RegionAdmin)]
    [InlineData(Role.Enforcement)]
    [InlineData(Role.Exchange)]
    public async Task ACountyUserSeesOnlyHisCounty(Role role)
    {
        using var client = await ClientAsync($"scope-{role.Name()}", role, "622921");
        Assert.Equal(["622921"], Counties(await GetJsonAsync(client, "/api/onemap/layers"), "countyCode"));
        var villages = await GetJsonAsync(client, "/api/ledger/units?year=2024&level=village");
        Assert.Equal(["622921"], Counties(villages, "code"));
        Assert.Equal(int.Parse(await server.ScalarAsync(
            "SELECT count(*) FROM admin_unit WHERE county_code = '622921' AND level = 5 AND year = 2024"), System.Globalization.CultureInfo.InvariantCulture),
            villages.GetArrayLength());
        // Asking for the other county by name gives nothing, not its data.
        Assert.Equal(0, (await GetJsonAsync(client, $"/api/ledger/units?year=2024&level=village&county={ServerFixture.SecondCounty}")).GetArrayLength());

        var own = await server.ScalarAsync("SELECT spatial_code FROM dltb WHERE county_code = '622921' LIMIT 1");
        var other = await server.ScalarAsync($"SELECT spatial_code FROM dltb WHERE county_code = '{ServerFixture.SecondCounty}' LIMIT 1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/onemap/parcels/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/onemap/parcels/{other}")).StatusCode);
    }

    [Fact]
    public async Task ATownshipUserSeesOnlyHisTownship()
    {
        var township = await server.ScalarAsync("SELECT left(min(zldwdm), 9) FROM dltb WHERE county_code = '622921'");
        using var client = await ClientAsync("scope-township", Role.FieldManager, township);
        var villages = await GetJsonAsync(client, "/api/ledger/units?year=2024&level=village");
        Assert.True(villages.GetArrayLength() > 0);
        Assert.Equal([township], Counties(villages, "code", 9));
        var outside = await server.ScalarAsync($"SELECT spatial_code FROM dltb WHERE county_code = '622921' AND left(zldwdm, 9) <> '{township}' LIMIT 1");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/onemap/parcels/{outside}")).StatusCode);
    }

    [Fact]
    public async Task ATownshipUsersCountyLedgerSumsOnlyTheStocksOfHisTownship()
    {
        // The ledger reads the per-village stocks (migration 0019) under the same region policy as the patches.
        var township = await server.ScalarAsync("SELECT left(min(zldwdm), 9) FROM dltb WHERE county_code = '622921'");
        using var client = await ClientAsync("scope-township-ledger", Role.Leader, township);
        var ledger = await GetJsonAsync(client, "/api/ledger/accounts?unit=622921&year=2024&children=false");
        var stock = ledger.GetProperty("unit").GetProperty("stock");
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var cultivated = decimal.Parse(await server.ScalarAsync(
            $"SELECT sum(tbmj) FROM dltb WHERE county_code = '622921' AND year = 2024 AND dlbm IN ('0101', '0102', '0103') AND zldwdm LIKE '{township}%'"), inv);
        var pbf = decimal.Parse(await server.ScalarAsync(
            $"SELECT sum(tbmj) FROM yjjbnt WHERE county_code = '622921' AND year = 2024 AND zldwdm LIKE '{township}%'"), inv);
        var county = decimal.Parse(await server.ScalarAsync(
            "SELECT sum(tbmj) FROM dltb WHERE county_code = '622921' AND year = 2024 AND dlbm IN ('0101', '0102', '0103')"), inv);
        Assert.True(cultivated > 0 && cultivated < county, $"township {township}: {cultivated} of {county}");
        Assert.Equal(cultivated, stock.GetProperty("paddy").GetDecimal() + stock.GetProperty("irrigated").GetDecimal() + stock.GetProperty("dry").GetDecimal());
        Assert.Equal(pbf, stock.GetProperty("pbf").GetDecimal());
        // The system admin's county ledger is the whole county.
        var all = (await GetJsonAsync(server.Client, "/api/ledger/accounts?unit=622921&year=2024&children=false")).GetProperty("unit").GetProperty("stock");
        Assert.Equal(county, all.GetProperty("paddy").GetDecimal() + all.GetProperty("irrigated").GetDecimal() + all.GetProperty("dry").GetDecimal());
    }

    [Fact]
    public async Task APrefectureUserSeesBothCountiesOfHisPrefecture()
    {
        using var client = await ClientAsync("scope-prefecture", Role.Leader, "6229");
        Assert.Equal(["622921", ServerFixture.SecondCounty], Counties(await GetJsonAsync(client, "/api/onemap/layers"), "countyCode").Order());
        using var elsewhere = await ClientAsync("scope-elsewhere", Role.Leader, "6201");
        Assert.Equal(0, (await GetJsonAsync(elsewhere, "/api/onemap/layers")).GetArrayLength());
    }

    [Fact]
    public async Task TheParcelPageIsPublicButShowsOnlyWhatIsGradedPublic()
    {
        var code = await server.ScalarAsync($"SELECT spatial_code FROM dltb WHERE tbbh IS NOT NULL ORDER BY county_code, fid LIMIT 1");
        Assert.NotEqual("", code);
        var dlbm = await server.ScalarAsync($"SELECT dlbm FROM dltb WHERE spatial_code = '{code}' LIMIT 1");
        Assert.Contains("\"tbbh\"", await server.Client.GetStringAsync($"/api/onemap/parcels/{code}")); // logged in: internal columns too
        using var anonymous = server.Anonymous();
        using var response = await anonymous.GetAsync($"/p/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<td>DLBM</td><td>{dlbm}</td>", page);
        foreach (var internalColumn in new[] { "BSM", "TBBH", "SJNF", "QSDWMC", "GDLX" })
        {
            Assert.DoesNotContain($"<td>{internalColumn}</td>", page);
        }
        // Change patches (BHTB) are internal: never on the public page.
        var change = await server.ScalarAsync("""
            SELECT spatial_code FROM bhtb b WHERE NOT EXISTS (
                SELECT 1 FROM dltb WHERE spatial_code = b.spatial_code UNION ALL SELECT 1 FROM yjjbnt WHERE spatial_code = b.spatial_code
                UNION ALL SELECT 1 FROM gbznt WHERE spatial_code = b.spatial_code UNION ALL SELECT 1 FROM pzyd WHERE spatial_code = b.spatial_code
                UNION ALL SELECT 1 FROM admin_unit WHERE spatial_code = b.spatial_code) LIMIT 1
            """);
        Assert.NotEqual("", change);
        Assert.Contains("\"BHTB\"", await server.Client.GetStringAsync($"/api/onemap/parcels/{change}")); // logged in: it exists
        using var changePage = await anonymous.GetAsync($"/p/{change}");
        Assert.Equal(HttpStatusCode.NotFound, changePage.StatusCode);
        Assert.DoesNotContain("变化图斑", await changePage.Content.ReadAsStringAsync());
    }
}
