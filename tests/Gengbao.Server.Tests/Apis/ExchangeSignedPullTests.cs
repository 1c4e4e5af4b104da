using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gengbao.Exchange.Packages;
using Gengbao.Security.Access;
using Gengbao.Security.Crypto;
using Gengbao.Storage.Database;
using Gengbao.Storage.Exchange;
using Gengbao.Storage.Security;
using Gengbao.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// Issue 9's closing gaps between two platform instances: SM2-signed packages against the receiving side's registered
/// department keys, pull by API into another database, and the delivery row committed with the data or not at all.
/// </summary>
public sealed class ExchangeSignedPullTests(ServerFixture source, ReceivingPlatform target) : IClassFixture<ServerFixture>, IClassFixture<ReceivingPlatform>
{
    private const string County = "622921";
    private const string Item = "three-zones-farmland";

    private static string Yjjbnt() =>
        $"SELECT count(*) || ':' || coalesce(md5(string_agg(coalesce(bsm, '') || zldwdm || tbmj || area_m2 || ST_AsBinary(geom)::text, ',' ORDER BY bsm, fid)), '') FROM yjjbnt WHERE county_code = '{County}' AND year = 2024";

    private async Task<byte[]> PullFromSourceAsync()
    {
        using var response = await source.Client.GetAsync($"/api/exchange/packages?item={Item}&region={County}&year=2024");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The same data and manifest, packed again and signed with <paramref name="privatePem"/> (null: unsigned).</summary>
    private static byte[] Sign(byte[] package, string? privatePem)
    {
        var files = new Dictionary<string, MemoryStream>();
        var manifest = PackageReader.Read(new MemoryStream(package), "p.zip", path => files[path] = new MemoryStream());
        using var output = new MemoryStream();
        PackageWriter.Write(output, manifest with { Files = [] }, [.. files.Select(f => (f.Key, (Stream)new MemoryStream(f.Value.ToArray())))],
            privatePem is null ? null : bytes => Sm2Signer.Sign(bytes, privatePem));
        return output.ToArray();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PushAsync(byte[] package, string name)
    {
        using var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var response = await target.Exchange.PostAsync($"/api/exchange/packages?name={name}", content);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task WithARegisteredKeyOnlyAPackageSignedByItIsAcceptedAndATamperedOrUnsignedOneIsRefused()
    {
        var (privatePem, publicPem) = Sm2Signer.GenerateKeyPair();
        var stranger = Sm2Signer.GenerateKeyPair();
        await using (var dataSource = GengbaoDatabase.CreateDataSource(target.ConnectionString))
        {
            await DepartmentKeys.AddAsync(new OwnerConnections(dataSource), "natural_resources", "6229", "临夏州自然资源局", publicPem, "test");
        }
        var pulled = await PullFromSourceAsync();
        var before = await target.ScalarAsync("SELECT count(*) FROM layer_version");

        var (status, body) = await PushAsync(Sign(pulled, null), "unsigned.zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("manifest.sig: unsigned: department natural_resources has 1 SM2 public key(s) registered for region 622921", body.GetProperty("reason").GetString(), StringComparison.Ordinal);

        (status, body) = await PushAsync(Sign(pulled, stranger.PrivatePem), "other-key.zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("SM2 signature does not verify", body.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // A signed package whose manifest is changed afterwards (checksum recomputed, the signature kept) is refused.
        var tampered = ChangeManifest(Sign(pulled, privatePem), m => m.Replace($"\"region\": \"{County}\"", "\"region\": \"622922\"", StringComparison.Ordinal));
        (status, body) = await PushAsync(tampered, "tampered-manifest.zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("SM2 signature does not verify", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await target.ScalarAsync("SELECT count(*) FROM layer_version"));
        Assert.Equal("3", await target.ScalarAsync("SELECT count(*) FROM exchange_delivery WHERE status = 'refused' AND reason LIKE '%manifest.sig%'"));

        (status, body) = await PushAsync(Sign(pulled, privatePem), "signed.zip");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(await source.ScalarAsync(Yjjbnt()), await target.ScalarAsync(Yjjbnt()));
        Assert.StartsWith("临夏州自然资源局 (", await target.ScalarAsync($"SELECT signed_by FROM exchange_delivery WHERE id = {body.GetProperty("deliveryId").GetInt64()}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APackagePulledByApiFromAnotherInstanceIsReceivedWholeIntoThisDatabase()
    {
        var pulling = await ThrowawayCluster.CreateDatabaseAsync("exchangepull");
        await using var dataSource = GengbaoDatabase.CreateDataSource(pulling);
        var outcome = await new ExchangePuller(dataSource).PullAsync(source.Client, Item, County, 2024, "cli:test");
        Assert.True(outcome.Accepted, outcome.Reason);
        await using (var count = dataSource.CreateCommand(Yjjbnt()))
        {
            Assert.Equal(await source.ScalarAsync(Yjjbnt()), (string)(await count.ExecuteScalarAsync())!);
        }
        await using (var log = dataSource.CreateCommand($"SELECT channel || '|' || status || '|' || package_name FROM exchange_delivery WHERE id = {outcome.DeliveryId}"))
        {
            Assert.Equal($"pull|accepted|{Item}-{County}-2024.zip", (string)(await log.ExecuteScalarAsync())!);
        }
        // A region the other instance refuses: its answer is the error, nothing is received.
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new ExchangePuller(dataSource).PullAsync(source.Client, "soil-census", County, 2024, "cli:test"));
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        await using var deliveries = dataSource.CreateCommand("SELECT count(*) FROM exchange_delivery");
        Assert.Equal(1L, (long)(await deliveries.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task APlatformWithASigningKeySignsThePackagesItServesAndThePullingSideChecksThem()
    {
        var folder = Directory.CreateTempSubdirectory("gengbao-signing-");
        try
        {
            var (privatePem, publicPem) = Sm2Signer.GenerateKeyPair();
            var keyFile = Path.Combine(folder.FullName, "sm2-private.pem");
            await File.WriteAllTextAsync(keyFile, privatePem);
            // The source platform's database served again, now configured with its signing key.
            await using var signing = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .UseSetting("ConnectionStrings:Gengbao", source.ConnectionString)
                .UseSetting("Gengbao:KeyDirectory", Path.Combine(folder.FullName, "keys"))
                .UseSetting("Gengbao:Security:LoginPermitsPerMinute", "10000")
                .UseSetting("Gengbao:Exchange:SigningKey", keyFile));
            using var anonymous = signing.CreateClient();
            using var login = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(anonymous, "/api/auth/login",
                new { username = ServerFixture.AdminUsername, password = ServerFixture.Password });
            login.EnsureSuccessStatusCode();
            using var remote = signing.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
            remote.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString());

            var pulling = await ThrowawayCluster.CreateDatabaseAsync("exchangesigned");
            await using var dataSource = GengbaoDatabase.CreateDataSource(pulling);
            await DepartmentKeys.AddAsync(new OwnerConnections(dataSource), "natural_resources", County, "source platform", publicPem, "test");
            var unsigned = await new ExchangePuller(dataSource).PullAsync(source.Client, Item, County, 2024, "cli:test");
            Assert.False(unsigned.Accepted);
            Assert.Contains("unsigned", unsigned.Reason, StringComparison.Ordinal);
            var signed = await new ExchangePuller(dataSource).PullAsync(remote, Item, County, 2024, "cli:test");
            Assert.True(signed.Accepted, signed.Reason);
            await using var log = dataSource.CreateCommand($"SELECT channel || '|' || signed_by FROM exchange_delivery WHERE id = {signed.DeliveryId}");
            Assert.StartsWith("pull|source platform (", (string)(await log.ExecuteScalarAsync())!, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AFailureWritingTheDeliveryRowLeavesNeitherDataNorDelivery()
    {
        var database = await ThrowawayCluster.CreateDatabaseAsync("exchangetx");
        await using var dataSource = GengbaoDatabase.CreateDataSource(database);
        async Task<string> Scalar(string sql)
        {
            await using var command = dataSource.CreateCommand(sql);
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        // The delivery log fails after the data step, as a full disk or a lost connection would, inside the same transaction.
        await Scalar("""
            CREATE FUNCTION test_refuse_delivery() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'delivery log unavailable'; END $$;
            CREATE TRIGGER test_refuse_delivery BEFORE INSERT ON exchange_delivery FOR EACH ROW WHEN (NEW.status = 'accepted') EXECUTE FUNCTION test_refuse_delivery();
            SELECT 1
            """);
        var package = await PullFromSourceAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            new DeliveryReceiver(dataSource).ReceiveAsync(new MemoryStream(package), "p.zip", "offline", "cli:test", RegionScope.Country));
        Assert.Contains("delivery log unavailable", error.Message, StringComparison.Ordinal);
        Assert.Equal("0|0|0|0", await Scalar("SELECT (SELECT count(*) FROM yjjbnt) || '|' || (SELECT count(*) FROM layer_version) || '|' || (SELECT count(*) FROM exchange_delivery) || '|' || (SELECT count(*) FROM screening_run)"));

        // The same package once the log works again: data and row together.
        await Scalar("DROP TRIGGER test_refuse_delivery ON exchange_delivery; SELECT 1");
        var outcome = await new DeliveryReceiver(dataSource).ReceiveAsync(new MemoryStream(package), "p.zip", "offline", "cli:test", RegionScope.Country);
        Assert.True(outcome.Accepted, outcome.Reason);
        Assert.Equal(await source.ScalarAsync(Yjjbnt()), await Scalar(Yjjbnt()));
        Assert.Equal(string.Join(",", outcome.LayerVersions), await Scalar($"SELECT array_to_string(layer_versions, ',') FROM exchange_delivery WHERE id = {outcome.DeliveryId}"));
        Assert.Equal("1", await Scalar("SELECT count(*) FROM exchange_delivery"));
    }

    private static byte[] ChangeManifest(byte[] package, Func<string, string> edit)
    {
        using var sourceZip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var entries = sourceZip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var b = new MemoryStream();
            s.CopyTo(b);
            return b.ToArray();
        });
        var manifest = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(entries[PackageReader.ManifestName])));
        Assert.NotEqual(entries[PackageReader.ManifestName], manifest);
        entries[PackageReader.ManifestName] = manifest;
        entries[PackageReader.ManifestHashName] = Encoding.ASCII.GetBytes(Sm3.HashHex(manifest));
        using var output = new MemoryStream();
        using (var targetZip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var t = targetZip.CreateEntry(name).Open();
                t.Write(bytes);
            }
        }
        return output.ToArray();
    }
}
