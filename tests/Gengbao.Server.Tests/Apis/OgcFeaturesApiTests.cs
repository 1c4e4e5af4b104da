using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Gengbao.Security.Access;
using Gengbao.Security.Passwords;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.Storage.Security;
using Gengbao.TestSupport;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// The real server on Kestrel (a free port on 127.0.0.1) over the shared sample county, read by Debian's gdal-bin
/// (OAPIF driver) exactly as a bureau's GIS would: ogrinfo lists the collections, ogr2ogr fetches every feature, and
/// counts and attributes equal the database's.
/// </summary>
public sealed class OgcServerFixture : IAsyncLifetime
{
    public const string County = "622921";
    public const string Password = "Ogc-Fixture-2026!";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("gengbao-ogc-");
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";
    public string WorkFolder => _work.FullName;

    public async Task InitializeAsync()
    {
        DataSource = GengbaoDatabase.CreateDataSource(await ThrowawayCluster.CreateDatabaseAsync("ogc"));
        await new OneMapImporter(DataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
        await CreateUserAsync("ogc-admin", Role.SystemAdmin, "");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        _app = GengbaoServer.Build(["--Logging:LogLevel:Default=Warning", $"--Gengbao:KeyDirectory={Path.Combine(_work.FullName, "keys")}",
            "--Gengbao:Security:LoginPermitsPerMinute=10000"], DataSource, BaseUrl);
        await _app.StartAsync();
        AdminToken = await LoginAsync("ogc-admin");
    }

    public async Task CreateUserAsync(string username, Role role, string region) =>
        await new AccountStore(new OwnerConnections(DataSource)).CreateAsync(
            new NewAccount(username, new PasswordHasher().Hash(Password), role, RegionScope.Parse(region), "OGC 测试"), "fixture");

    public async Task<string> LoginAsync(string username)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { username, password = Password });
        login.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await DataSource.DisposeAsync();
        _work.Delete(recursive: true);
    }
}

public sealed class OgcFeaturesApiTests(OgcServerFixture server) : IClassFixture<OgcServerFixture>
{
    private static readonly (string Collection, string Table)[] Layers =
        [("dltb", "dltb"), ("yjjbnt", "yjjbnt"), ("gbznt", "gbznt"), ("pzyd", "pzyd"), ("bhtb", "bhtb"), ("xzq", "admin_unit")];

    private static (int ExitCode, string Output, string Errors) Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }

    private string[] Auth(string token) => ["--config", "GDAL_HTTP_HEADERS", $"Authorization: Bearer {token}"];

    [Fact]
    public void OgrinfoListsEveryCollectionWithTheToken()
    {
        var (code, output, errors) = Run("ogrinfo", [.. Auth(server.AdminToken), "-ro", "-so", $"OAPIF:{server.BaseUrl}/ogc"]);
        Assert.True(code == 0, $"ogrinfo failed ({code}): {errors}\n{output}");
        foreach (var (collection, _) in Layers)
        {
            Assert.Contains($": {collection} ", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OgrinfoWithoutATokenIsRefused()
    {
        var (code, output, errors) = Run("ogrinfo", "-ro", "-so", $"OAPIF:{server.BaseUrl}/ogc");
        Assert.NotEqual(0, code);
        Assert.DoesNotContain(": dltb ", output, StringComparison.Ordinal);
        Assert.Contains("401", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ogr2ogrFetchesEveryCollectionWithTheDatabasesCountsAndAttributes()
    {
        foreach (var (collection, table) in Layers)
        {
            var target = Path.Combine(server.WorkFolder, $"{collection}.geojson");
            var (code, _, errors) = Run("ogr2ogr", [.. Auth(server.AdminToken), "-oo", "PAGE_SIZE=5000", "-f", "GeoJSON", target,
                $"OAPIF:{server.BaseUrl}/ogc", collection]);
            Assert.True(code == 0, $"ogr2ogr of {collection} failed ({code}): {errors}");
            using var file = JsonDocument.Parse(await File.ReadAllBytesAsync(target));
            var features = file.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(await server.ScalarAsync<long>($"SELECT count(*) FROM {table}"), features.Count);
            Assert.True(features.Count > 0, collection);
            var areaSum = features.Sum(f => Math.Round(f.GetProperty("properties").GetProperty("area_m2").GetDecimal(), 2));
            Assert.Equal(await server.ScalarAsync<decimal>($"SELECT sum(area_m2) FROM {table}"), areaSum);
            if (table == "dltb")
            {
                Assert.Equal(await server.ScalarAsync<decimal>("SELECT sum(tbmj) FROM dltb"),
                    features.Sum(f => Math.Round(f.GetProperty("properties").GetProperty("TBMJ").GetDecimal(), 2)));
                var byClass = features.GroupBy(f => f.GetProperty("properties").GetProperty("DLBM").GetString()).ToDictionary(g => g.Key!, g => g.Count());
                Assert.Equal(await server.ScalarAsync<long>("SELECT count(*) FROM dltb WHERE dlbm = '0101'"), byClass.GetValueOrDefault("0101"));
            }
        }
    }

    [Fact]
    public async Task PagingBboxAndCrsFollowTheStandard()
    {
        using var client = server.Client(server.AdminToken);
        var total = await server.ScalarAsync<long>("SELECT count(*) FROM yjjbnt");
        using var page = JsonDocument.Parse(await client.GetStringAsync("/ogc/collections/yjjbnt/items?limit=7&offset=3"));
        Assert.Equal(total, page.RootElement.GetProperty("numberMatched").GetInt64());
        Assert.Equal(7, page.RootElement.GetProperty("numberReturned").GetInt32());
        var next = page.RootElement.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "next").GetProperty("href").GetString()!;
        Assert.Contains("offset=10", next, StringComparison.Ordinal);

        // One feature in the three CRSs: CRS84 lon/lat, EPSG:4490 lat/lon, the Gauss–Krüger zone northing/easting.
        var id = page.RootElement.GetProperty("features")[0].GetProperty("id").GetString()!;
        var fid = long.Parse(id.Split('-')[2], CultureInfo.InvariantCulture);
        var srid = await server.ScalarAsync<int>($"SELECT ST_SRID(geom) FROM yjjbnt WHERE fid = {fid}");
        double[] First(JsonDocument d) => d.RootElement.GetProperty("geometry").GetProperty("coordinates")[0][0][0].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        using var crs84 = JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/yjjbnt/items/{id}"));
        using var geographic = await GetAsync(client, $"/ogc/collections/yjjbnt/items/{id}?crs=http://www.opengis.net/def/crs/EPSG/0/4490", "<http://www.opengis.net/def/crs/EPSG/0/4490>");
        using var zone = await GetAsync(client, $"/ogc/collections/yjjbnt/items/{id}?crs=EPSG:{srid}", $"<http://www.opengis.net/def/crs/EPSG/0/{srid}>");
        var (lon, lat) = (First(crs84)[0], First(crs84)[1]);
        Assert.InRange(lon, 73, 136);
        Assert.Equal([lat, lon], First(geographic));
        var x = await server.ScalarAsync<double>($"SELECT ST_X(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) FROM yjjbnt WHERE fid = {fid}");
        var y = await server.ScalarAsync<double>($"SELECT ST_Y(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) FROM yjjbnt WHERE fid = {fid}");
        Assert.Equal(y, First(zone)[0], 3);
        Assert.Equal(x, First(zone)[1], 3);

        // bbox in CRS84 and the same box as EPSG:4490 (lat, lon order) select the same features.
        var box = FormattableString.Invariant($"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}");
        var flipped = FormattableString.Invariant($"{lat - 0.01},{lon - 0.01},{lat + 0.01},{lon + 0.01}");
        using var inBox = JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/yjjbnt/items?bbox={box}&limit=10000"));
        using var inBox4490 = JsonDocument.Parse(await client.GetStringAsync($"/ogc/collections/yjjbnt/items?bbox={flipped}&bbox-crs=EPSG:4490&limit=10000"));
        var expected = await server.ScalarAsync<long>(FormattableString.Invariant(
            $"SELECT count(*) FROM yjjbnt WHERE ST_Intersects(geom_4490, ST_MakeEnvelope({lon - 0.01}, {lat - 0.01}, {lon + 0.01}, {lat + 0.01}, 4490))"));
        Assert.InRange(expected, 1, total - 1);
        Assert.Equal(expected, inBox.RootElement.GetProperty("numberMatched").GetInt64());
        Assert.Equal(expected, inBox4490.RootElement.GetProperty("numberMatched").GetInt64());

        using var bad = await client.GetAsync("/ogc/collections/yjjbnt/items?bbox=1,2,3");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var badCrs = await client.GetAsync("/ogc/collections/yjjbnt/items?crs=EPSG:3857");
        Assert.Equal(HttpStatusCode.BadRequest, badCrs.StatusCode);
        using var missing = await client.GetAsync("/ogc/collections/nothing/items");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AVillageAccountSeesOnlyItsVillage()
    {
        var village = await server.ScalarAsync<string>("SELECT left(zldwdm, 12) FROM dltb GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        await server.CreateUserAsync("ogc-village", Role.FieldManager, village);
        using var client = server.Client(await server.LoginAsync("ogc-village"));
        using var page = JsonDocument.Parse(await client.GetStringAsync("/ogc/collections/dltb/items?limit=1"));
        var expected = await server.ScalarAsync<long>($"SELECT count(*) FROM dltb WHERE zldwdm LIKE '{village}%'");
        Assert.InRange(expected, 1, await server.ScalarAsync<long>("SELECT count(*) FROM dltb") - 1);
        Assert.Equal(expected, page.RootElement.GetProperty("numberMatched").GetInt64());
        using var landing = JsonDocument.Parse(await client.GetStringAsync("/ogc"));
        Assert.Contains(landing.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "service-desc");
        using var openApi = JsonDocument.Parse(await client.GetStringAsync("/ogc/api"));
        Assert.Equal("3.0.3", openApi.RootElement.GetProperty("openapi").GetString());
        Assert.True(openApi.RootElement.GetProperty("paths").TryGetProperty("/collections/{collectionId}/items", out _));
        using var conformance = JsonDocument.Parse(await client.GetStringAsync("/ogc/conformance"));
        Assert.Contains(conformance.RootElement.GetProperty("conformsTo").EnumerateArray(), c => c.GetString()!.EndsWith("/conf/crs", StringComparison.Ordinal));
    }

    private static async Task<JsonDocument> GetAsync(HttpClient client, string path, string contentCrs)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(contentCrs, response.Headers.GetValues("Content-Crs").Single());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
