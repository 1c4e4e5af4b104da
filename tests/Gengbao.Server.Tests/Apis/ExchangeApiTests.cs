using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gengbao.Exchange.Packages;
using Gengbao.Security.Access;
using Gengbao.Security.Passwords;
using Gengbao.Storage.Database;
using Gengbao.Storage.Exchange;
using Gengbao.Storage.Security;
using Gengbao.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// A second platform instance (its own database, empty one map) that receives what the <see cref="ServerFixture"/>
/// instance packs: the agriculture side's platform.
/// </summary>
public sealed class ReceivingPlatform : IAsyncLifetime
{
    public const string Account = "agri-exchange";
    private WebApplicationFactory<Program>? _factory;
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("gengbao-exchange-keys-");

    public string ConnectionString { get; private set; } = "";

    public HttpClient Exchange { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await ThrowawayCluster.CreateDatabaseAsync("exchangeb");
        await using (var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString))
        {
            await new AccountStore(new OwnerConnections(dataSource)).CreateAsync(
                new NewAccount(Account, new PasswordHasher().Hash(ServerFixture.Password), Role.Exchange, RegionScope.Parse("6229"), "农业农村局汇交账号"), "fixture");
        }
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Gengbao", ConnectionString)
            .UseSetting("Gengbao:KeyDirectory", _keys.FullName)
            .UseSetting("Gengbao:Security:LoginPermitsPerMinute", "10000"));
        using var anonymous = _factory.CreateClient();
        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { username = Account, password = ServerFixture.Password });
        login.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        Exchange = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        // Receiving a county's land survey (20 000 patches: checksums, quality checks, import) takes minutes on a loaded machine.
        Exchange.Timeout = TimeSpan.FromMinutes(15);
        Exchange.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
    }

    public async Task<string> ScalarAsync(string sql)
    {
        await using var dataSource = GengbaoDatabase.CreateDataSource(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    public async Task DisposeAsync()
    {
        Exchange.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        _keys.Delete(recursive: true);
    }
}

public sealed class ExchangeApiTests(ServerFixture source, ReceivingPlatform target) : IClassFixture<ServerFixture>, IClassFixture<ReceivingPlatform>
{
    private const string County = "622921";

    /// <summary>The land-survey package of the sample county, pulled from the source platform by API.</summary>
    private async Task<byte[]> PullAsync(string item = "land-survey")
    {
        using var response = await source.Client.GetAsync($"/api/exchange/packages?item={item}&region={County}&year=2024");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<(HttpStatusCode Status, JsonDocument Body)> PushAsync(byte[] package, string name)
    {
        using var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var response = await target.Exchange.PostAsync($"/api/exchange/packages?name={name}", content);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static string Fingerprint(string table) =>
        $"SELECT count(*) || ':' || coalesce(md5(string_agg(coalesce(bsm, '') || dlbm || zldwdm || tbmj || area_m2 || ST_AsBinary(geom)::text, ',' ORDER BY bsm, fid)), '') FROM {table} WHERE county_code = '{County}' AND year = 2024";

    /// <summary>Rewrites the data file of a package with <paramref name="edit"/> and packs it again with valid checksums.</summary>
    private static byte[] Repack(byte[] package, Action<GeoPackageEditor> edit, Func<PackageManifest, PackageManifest>? manifestEdit = null)
    {
        var folder = Directory.CreateTempSubdirectory("gengbao-repack-");
        try
        {
            var manifest = PackageReader.Read(new MemoryStream(package), "p.zip", path => File.Create(Path.Combine(folder.FullName, Path.GetFileName(path))));
            var file = manifest.Files.Single();
            var local = Path.Combine(folder.FullName, Path.GetFileName(file.Path));
            using (var editor = GeoPackageEditor.CopyOf(local, folder.FullName, "edited.gpkg"))
            {
                edit(editor);
            }
            using var output = new MemoryStream();
            using (var data = File.OpenRead(Path.Combine(folder.FullName, "edited.gpkg")))
            {
                PackageWriter.Write(output, (manifestEdit ?? (m => m))(manifest with { Files = [] }), [(file.Path, data)]);
            }
            return output.ToArray();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task APackagePulledFromOnePlatformAndPushedToAnotherArrivesWhole()
    {
        var package = await PullAsync();
        var (status, body) = await PushAsync(package, "land-survey-622921-2024.zip");
        Assert.True(status == HttpStatusCode.OK, body.RootElement.ToString());
        Assert.Equal("accepted", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(await source.ScalarAsync(Fingerprint("dltb")), await target.ScalarAsync(Fingerprint("dltb")));
        Assert.StartsWith(await source.ScalarAsync($"SELECT count(*) FROM dltb WHERE county_code = '{County}'") + ":", await target.ScalarAsync(Fingerprint("dltb")));
        var id = body.RootElement.GetProperty("deliveryId").GetInt64();
        Assert.Equal($"accepted|{ReceivingPlatform.Account}|api|land-survey|natural_resources",
            await target.ScalarAsync($"SELECT status || '|' || received_by || '|' || channel || '|' || catalog_item || '|' || (producer->>'department') FROM exchange_delivery WHERE id = {id}"));
        Assert.Equal("DLTB 2024", await target.ScalarAsync(
            $"SELECT string_agg(layer || ' ' || year, ',') FROM layer_version WHERE layer = 'DLTB' AND id = ANY ((SELECT layer_versions FROM exchange_delivery WHERE id = {id})::bigint[])"));

        // The receiving side lists the delivery through its own API.
        using var deliveries = JsonDocument.Parse(await target.Exchange.GetStringAsync("/api/exchange/deliveries?item=land-survey"));
        Assert.Contains(deliveries.RootElement.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id && d.GetProperty("status").GetString() == "accepted");
    }

    [Fact]
    public async Task AnOfflineCopyIsReceivedTheSameWay()
    {
        await using var dataSource = GengbaoDatabase.CreateDataSource(source.ConnectionString);
        var catalog = await new ExchangeCatalog(dataSource).ListAsync();
        var folder = Directory.CreateTempSubdirectory("gengbao-offline-");
        try
        {
            var file = Path.Combine(folder.FullName, "three-zones-farmland.zip");
            await using (var output = File.Create(file))
            {
                await new PackageBuilder(new OwnerConnections(dataSource)).BuildAsync(catalog.Single(i => i.Id == "three-zones-farmland"), County, 2024,
                    new PackageProducer("natural_resources", "某县自然资源局", "cli"), DateTimeOffset.UtcNow, output, folder.FullName);
            }
            var offline = await ThrowawayCluster.CreateDatabaseAsync("exchangec");
            await using var receiving = GengbaoDatabase.CreateDataSource(offline);
            await using var zip = File.OpenRead(file);
            var outcome = await new DeliveryReceiver(receiving).ReceiveAsync(zip, "three-zones-farmland.zip", "offline", "cli:test", RegionScope.Country);
            Assert.True(outcome.Accepted, outcome.Reason);
            static string Yjjbnt() => $"SELECT count(*) || ':' || md5(string_agg(coalesce(bsm, '') || zldwdm || tbmj || area_m2 || ST_AsBinary(geom)::text, ',' ORDER BY bsm, fid)) FROM yjjbnt WHERE county_code = '{County}' AND year = 2024";
            await using var a = dataSource.CreateCommand(Yjjbnt());
            await using var b = receiving.CreateCommand(Yjjbnt());
            Assert.Equal((string)(await a.ExecuteScalarAsync())!, (string)(await b.ExecuteScalarAsync())!);
            await using var channel = receiving.CreateCommand("SELECT channel || '|' || status FROM exchange_delivery");
            Assert.Equal("offline|accepted", (string)(await channel.ExecuteScalarAsync())!);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ATamperedPackageIsRefusedNamingTheFileAndChecksumAndNothingIsLoaded()
    {
        var package = await PullAsync("farmland-change-monitoring");
        var tampered = EditEntry(package, "data/farmland-change-monitoring.gpkg", bytes => bytes[bytes.Length / 2] ^= 0x20);
        var before = await target.ScalarAsync("SELECT count(*) FROM bhtb");
        var (status, body) = await PushAsync(tampered, "tampered.zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var reason = body.RootElement.GetProperty("reason").GetString()!;
        Assert.Contains("data/farmland-change-monitoring.gpkg", reason, StringComparison.Ordinal);
        Assert.Contains("SM3 checksum mismatch", reason, StringComparison.Ordinal);
        Assert.Equal(before, await target.ScalarAsync("SELECT count(*) FROM bhtb"));
        Assert.Equal("refused", await target.ScalarAsync($"SELECT status FROM exchange_delivery WHERE id = {body.RootElement.GetProperty("deliveryId").GetInt64()}"));
    }

    [Fact]
    public async Task APackageWithQualityErrorsIsRefusedWithTheReport()
    {
        var package = await PullAsync("three-zones-farmland");
        var fid = long.Parse(await source.ScalarAsync($"SELECT min(fid) FROM yjjbnt WHERE county_code = '{County}'"), System.Globalization.CultureInfo.InvariantCulture);
        var bad = Repack(package, e =>
        {
            e.Execute($"UPDATE YJJBNT SET TBMJ = TBMJ * 2 WHERE fid = (SELECT min(fid) FROM YJJBNT)");
            e.Execute("UPDATE YJJBNT SET DLBM = '9999' WHERE fid = (SELECT max(fid) FROM YJJBNT)");
        });
        var (status, body) = await PushAsync(bad, "bad-quality.zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problems = body.RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("check").GetString() == "area" && p.GetProperty("field").GetString() == "TBMJ"
            && p.GetProperty("mapLink").GetString()!.StartsWith("/#yjjbnt/", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.GetProperty("check").GetString() == "domain" && p.GetProperty("field").GetString() == "DLBM"
            && p.GetProperty("message").GetString()!.Contains("9999", StringComparison.Ordinal));
        Assert.True(fid > 0);
        Assert.Equal("0", await target.ScalarAsync("SELECT count(*) FROM yjjbnt"));
        Assert.Contains("9999", await target.ScalarAsync($"SELECT quality_report::text FROM exchange_delivery WHERE id = {body.RootElement.GetProperty("deliveryId").GetInt64()}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingLayerASchemaMismatchAndAZipSlipAreRefusedWithClearErrors()
    {
        var package = await PullAsync();
        var before = await target.ScalarAsync("SELECT count(*) FROM layer_version");

        var noXzq = Repack(package, e => { }, m => m with { Layers = m.Layers.Where(l => l.Name != "XZQ").ToList() });
        var (status, body) = await PushAsync(noXzq, "no-xzq.zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("missing layer XZQ", body.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var renamed = Repack(package, e => e.Execute("ALTER TABLE DLTB RENAME COLUMN TBMJ TO TBMJ_OLD"));
        (status, body) = await PushAsync(renamed, "schema.zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("schema mismatch: layer DLTB lacks field(s) TBMJ", body.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var slip = EditEntry(package, "data/land-survey.gpkg", _ => { }, rename: "../../land-survey.gpkg");
        (status, body) = await PushAsync(slip, "slip.zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("leaves the package folder", body.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);

        Assert.Equal(before, await target.ScalarAsync("SELECT count(*) FROM layer_version"));
    }

    [Fact]
    public async Task OnlyExchangeAccountsAndAdminsMayPushAndTheCatalogListsSeed000()
    {
        await source.CreateUserAsync("exchange-field", Role.FieldManager, County);
        using var field = await source.LoginAsync("exchange-field");
        using var content = new ByteArrayContent([1, 2, 3]);
        using var response = await field.PostAsync("/api/exchange/packages", content);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var catalog = JsonDocument.Parse(await source.Client.GetStringAsync("/api/exchange/catalog"));
        Assert.Contains(catalog.RootElement.EnumerateArray(), i => i.GetProperty("id").GetString() == "soil-census");
        Assert.Equal(9, catalog.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task NewNonGrainPatchesOnPbfArePushedToTheAgricultureSideOnce()
    {
        using var queued = await source.Client.PostAsJsonAsync("/api/screening/runs", new { region = County, year = 2024 });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (await source.ScalarAsync($"SELECT count(*) FROM screening_run WHERE county_code = '{County}' AND status IN ('queued', 'running')") != "0")
        {
            Assert.True(DateTime.UtcNow < deadline, "screening did not finish");
            await Task.Delay(500);
        }
        var expected = int.Parse(await source.ScalarAsync(
            $"SELECT count(*) FROM screening_result WHERE county_code = '{County}' AND 'non_grain' = ANY (tags) AND yjjbnt_mj > 0"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expected > 0, "the sample county has non-grain patches on PBF");
        await source.CreateUserAsync("agri-puller", Role.Exchange, County);
        using var agriculture = await source.LoginAsync("agri-puller");
        using var first = JsonDocument.Parse(await agriculture.GetStringAsync("/api/exchange/outbox"));
        var features = first.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(expected, features.Count);
        Assert.All(features, f => Assert.True(f.GetProperty("properties").GetProperty("YJJBNTMJ").GetDecimal() > 0));
        var next = first.RootElement.GetProperty("next").GetInt64();
        using var again = JsonDocument.Parse(await agriculture.GetStringAsync($"/api/exchange/outbox?since={next}"));
        Assert.Equal(0, again.RootElement.GetProperty("features").GetArrayLength());
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await source.ScalarAsync($"SELECT count(*) FROM exchange_outbox WHERE catalog_item = 'non-grain-pbf-push' AND county_code = '{County}'"));

        // Another county's exchange account sees none of them.
        await source.CreateUserAsync("agri-other", Role.Exchange, ServerFixture.SecondCounty);
        using var other = await source.LoginAsync("agri-other");
        using var none = JsonDocument.Parse(await other.GetStringAsync("/api/exchange/outbox"));
        Assert.DoesNotContain(none.RootElement.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("county_code").GetString() == County);
    }

    private static byte[] EditEntry(byte[] package, string entryName, Action<byte[]> edit, string? rename = null)
    {
        using var sourceZip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var targetZip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in sourceZip.Entries)
            {
                using var buffer = new MemoryStream();
                using (var s = entry.Open())
                {
                    s.CopyTo(buffer);
                }
                var bytes = buffer.ToArray();
                if (entry.FullName == entryName)
                {
                    edit(bytes);
                }
                using var t = targetZip.CreateEntry(entry.FullName == entryName && rename is not null ? rename : entry.FullName).Open();
                t.Write(bytes);
            }
        }
        return output.ToArray();
    }
}
