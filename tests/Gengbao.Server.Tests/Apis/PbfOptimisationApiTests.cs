using System.Net;
using System.Text.Json;
using Gengbao.Security.Access;
using Gengbao.Storage.Database;
using Npgsql;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// <c>GET /api/ledger/pbf-optimisation</c> on the shared sample (county 622921, 2024) against independent PostGIS
/// computations: blocks by <c>ST_ClusterDBSCAN</c>, steep shares by <c>ST_Intersection</c> areas, the high-standard
/// farmland to add by geography areas of <c>ST_Difference</c>.
/// </summary>
public sealed class PbfOptimisationApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string County = "622921";

    // Blocks of the county's PBF with a 5 m gap, their official areas (Σ TBMJ), and the parcels in blocks below 1 ha.
    private const string BlocksSql = """
        WITH p AS (SELECT fid, tbmj, ST_ClusterDBSCAN(geom, eps := 5, minpoints := 1) OVER () AS c
                   FROM yjjbnt WHERE county_code = '622921' AND year = 2024),
             b AS (SELECT c, sum(tbmj) AS a FROM p GROUP BY c)
        SELECT (SELECT count(*) FROM b), (SELECT count(*) FROM p), (SELECT sum(tbmj) FROM p),
               (SELECT count(*) FROM p JOIN b USING (c) WHERE b.a < 10000), (SELECT coalesce(sum(tbmj), 0) FROM p JOIN b USING (c) WHERE b.a < 10000),
               (SELECT coalesce(sum(a), 0) FROM b WHERE a >= 10000), (SELECT count(*) FROM b WHERE a >= 10000 AND a < 66666.666667)
        """;

    private const string AddSql = """
        SELECT g.fid, ST_Area(ST_Difference(
                   ST_Intersection(g.geom_4490, (SELECT ST_Union(d.geom_4490) FROM dltb d WHERE d.county_code = g.county_code AND d.year = g.year
                                                 AND d.dlbm IN ('0101', '0102', '0103') AND ST_Intersects(d.geom_4490, g.geom_4490))),
                   coalesce((SELECT ST_Union(y.geom_4490) FROM yjjbnt y WHERE y.county_code = g.county_code AND y.year = g.year
                             AND ST_Intersects(y.geom_4490, g.geom_4490)), 'SRID=4490;POLYGON EMPTY'::geometry))::geography)
        FROM gbznt g WHERE g.county_code = '622921' AND g.year = 2024
        """;

    // Steep shares of the parcels that meet grade-5 cultivated land (planar, in the stored zone).
    private const string SteepSql = """
        SELECT y.fid, ST_Area(ST_Intersection(y.geom, ST_Union(d.geom))) / ST_Area(y.geom)
        FROM yjjbnt y JOIN dltb d ON d.county_code = y.county_code AND d.year = y.year AND d.dlbm IN ('0101', '0102', '0103')
             AND d.gdpdjb = '5' AND ST_Intersects(d.geom, y.geom)
        WHERE y.county_code = '622921' AND y.year = 2024 GROUP BY y.fid, y.geom
        """;

    private async Task<JsonElement> GetAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/ledger/pbf-optimisation?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<List<object[]>> RowsAsync(string sql)
    {
        await using var dataSource = GengbaoDatabase.CreateDataSource(server.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    [Fact]
    public async Task FragmentsAndContiguityEqualPostgisClusters()
    {
        var result = await GetAsync(server.Client, $"unit={County}&year=2024&gap=5&minBlock=10000");
        var expected = (await RowsAsync(BlocksSql)).Single();
        var contiguity = result.GetProperty("contiguity");
        Assert.Equal(Convert.ToInt32(expected[0]), contiguity.GetProperty("blocks").GetInt32());
        Assert.Equal(Convert.ToInt32(expected[1]), contiguity.GetProperty("parcels").GetInt32());
        Assert.Equal((decimal)expected[2], contiguity.GetProperty("area").GetDecimal());
        var fragments = result.GetProperty("withdraw").EnumerateArray()
            .Where(w => w.GetProperty("reasons").EnumerateArray().Any(r => r.GetString() == "Fragment")).ToList();
        Assert.True(fragments.Count > 0, "the sample has fragments below 1 ha");
        Assert.Equal(Convert.ToInt32(expected[3]), fragments.Count);
        Assert.Equal((decimal)expected[4], result.GetProperty("totals").GetProperty("fragment").GetDecimal());
        var share = contiguity.GetProperty("shares")[0];
        Assert.Equal(10_000m, share.GetProperty("threshold").GetDecimal());
        Assert.Equal((decimal)expected[5], share.GetProperty("area").GetDecimal());
        Assert.Equal((double)((decimal)expected[5] / (decimal)expected[2]), share.GetProperty("share").GetDouble(), 9);
        Assert.Equal(Convert.ToInt32(expected[6]), contiguity.GetProperty("bins")[1].GetProperty("blocks").GetInt32());
        // The bins partition the blocks and the area.
        Assert.Equal(Convert.ToInt32(expected[0]), contiguity.GetProperty("bins").EnumerateArray().Sum(b => b.GetProperty("blocks").GetInt32()));
        Assert.Equal((decimal)expected[2], contiguity.GetProperty("bins").EnumerateArray().Sum(b => b.GetProperty("area").GetDecimal()));
    }

    [Fact]
    public async Task HighStandardFarmlandToAddEqualsPostgisOverlay()
    {
        var result = await GetAsync(server.Client, $"unit={County}&year=2024");
        var ours = result.GetProperty("add").EnumerateArray().ToDictionary(a => a.GetProperty("projectFid").GetInt64(), a => (double)a.GetProperty("area").GetDecimal());
        var expected = (await RowsAsync(AddSql)).ToDictionary(r => Convert.ToInt64(r[0]), r => r[1] is DBNull ? 0 : (double)r[1]);
        Assert.True(ours.Count > 0, "the sample has high-standard farmland outside PBF");
        foreach (var (fid, area) in expected)
        {
            var mine = ours.GetValueOrDefault(fid);
            // Geodesic (PostGIS) against official ellipsoidal areas (ppm), and our dropped slivers below 1 m² per part.
            Assert.True(Math.Abs(mine - area) <= 5 + (2e-4 * area), $"project {fid}: ours {mine:F2} m², PostGIS {area:F2} m²");
        }
        Assert.Empty(ours.Keys.Except(expected.Keys));
        var total = expected.Values.Sum();
        Assert.InRange(ours.Values.Sum(), total * 0.9995 - 5, total * 1.0005 + 5);
    }

    [Fact]
    public async Task SteepParcelsEqualPostgisSharesAndATownshipSeesItsOwn()
    {
        // The sample has no slope grades: mark every fifth cultivated patch grade 5 in this fixture's copy.
        await server.ScalarAsync("UPDATE dltb SET gdpdjb = '5' WHERE county_code = '622921' AND year = 2024 AND dlbm IN ('0101', '0102', '0103') AND fid % 5 = 0");
        var result = await GetAsync(server.Client, $"unit={County}&year=2024");
        var steep = result.GetProperty("withdraw").EnumerateArray()
            .Where(w => w.GetProperty("reasons").EnumerateArray().Any(r => r.GetString() == "SteepSlope"))
            .Select(w => w.GetProperty("fid").GetInt64()).ToHashSet();
        var shares = (await RowsAsync(SteepSql)).ToDictionary(r => Convert.ToInt64(r[0]), r => (double)r[1]);
        var expected = shares.Where(s => s.Value >= 0.5).Select(s => s.Key).ToHashSet();
        Assert.True(expected.Count > 10, $"{expected.Count} steep parcels");
        // Shares within 0.1 % of the threshold may fall either way (ours are planar in degrees, PostGIS's in metres).
        Assert.DoesNotContain(steep.Except(expected), f => Math.Abs(shares.GetValueOrDefault(f) - 0.5) > 1e-3);
        Assert.DoesNotContain(expected.Except(steep), f => Math.Abs(shares[f] - 0.5) > 1e-3);

        // A township's administrator sees the candidates of his township only.
        var township = await server.ScalarAsync("SELECT left(zldwdm, 9) FROM yjjbnt WHERE county_code = '622921' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        await server.CreateUserAsync("pbf-township", Role.RegionAdmin, township);
        using var client = await server.LoginAsync("pbf-township");
        var own = await GetAsync(client, $"unit={township}&year=2024");
        var villages = own.GetProperty("withdraw").EnumerateArray().Select(w => w.GetProperty("villageCode").GetString()!).ToList();
        Assert.NotEmpty(villages);
        Assert.All(villages, v => Assert.StartsWith(township, v, StringComparison.Ordinal));
        Assert.True(own.GetProperty("contiguity").GetProperty("parcels").GetInt32() < result.GetProperty("contiguity").GetProperty("parcels").GetInt32());

        using var wrong = await server.Client.GetAsync("/api/ledger/pbf-optimisation?unit=6229&year=2024");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("runs per county", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
