using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Gengbao.Security.Access;
using Gengbao.TestSupport;

namespace Gengbao.Server.Tests.Apis;

/// <summary>
/// One-map imports from the admin console: an upload becomes a job the background worker imports all or nothing;
/// a bad file fails with problems naming layer, feature and field and writes nothing; only admins upload; a region
/// admin imports and sees only his region.
/// </summary>
public sealed class OneMapImportApiTests(AccountsServerFixture server) : IClassFixture<AccountsServerFixture>
{
    private const string County = "622921";

    /// <summary>The first 300 land-use patches and 120 farmland-protection patches of the shared sample county.</summary>
    private string SmallGeoPackage(string name)
    {
        var folder = Path.Combine(server.WorkFolder, "files", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        Gdal.Ogr2Ogr("-f", "GPKG", path, SharedData.SampleGeoPackage, "DLTB", "-where", "fid <= 300");
        Gdal.Ogr2Ogr("-f", "GPKG", "-update", path, SharedData.SampleGeoPackage, "YJJBNT", "-where", "fid <= 120");
        return path;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> UploadRawAsync(HttpClient client, string path, string query = "", string? fileName = null)
    {
        using var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.PostAsync($"/api/onemap/imports?fileName={Uri.EscapeDataString(fileName ?? Path.GetFileName(path))}{query}", content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, long id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/onemap/imports/{id}");
            if (job.GetProperty("status").GetString() is "done" or "failed")
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"import job {id} still {job.GetProperty("status")} ({job.GetProperty("stage")}) after 3 minutes");
            await Task.Delay(200);
        }
    }

    private async Task<long> CountAsync(string sql) => long.Parse(await server.ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_admin_uploads_a_geopackage_and_the_worker_imports_it_with_counts_per_layer()
    {
        var path = SmallGeoPackage("临夏县_2021.gpkg");
        using var multipart = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(path)), "file", Path.GetFileName(path) },
            { new StringContent("2021"), "year" },
        };
        using var response = await server.Client.PostAsync("/api/onemap/imports", multipart);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = queued.GetProperty("id").GetInt64();
        Assert.Equal($"/api/onemap/imports/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("临夏县_2021.gpkg", queued.GetProperty("fileName").GetString());
        Assert.Equal(new FileInfo(path).Length, queued.GetProperty("fileBytes").GetInt64());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(path))).ToLowerInvariant(), queued.GetProperty("fileSha256").GetString());
        Assert.Equal(2021, queued.GetProperty("options").GetProperty("year").GetInt32());
        Assert.False(queued.TryGetProperty("storedName", out _));

        var job = await WaitAsync(server.Client, id);
        Assert.True(job.GetProperty("status").GetString() == "done", job.ToString());
        var layers = job.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("layer").GetString()!, l => l);
        Assert.Equal(300, layers["DLTB"].GetProperty("featureCount").GetInt64());
        Assert.Equal(120, layers["YJJBNT"].GetProperty("featureCount").GetInt64());
        Assert.Equal(County, layers["DLTB"].GetProperty("countyCode").GetString());
        Assert.Equal(300, await CountAsync("SELECT count(*) FROM dltb WHERE year = 2021"));
        Assert.Equal(120, await CountAsync("SELECT count(*) FROM yjjbnt WHERE year = 2021"));
        Assert.Equal($"web:{ServerFixture.AdminUsername}", await server.ScalarAsync("SELECT DISTINCT imported_by FROM layer_version WHERE year = 2021"));
        Assert.True(job.GetProperty("progressDone").GetInt64() > 0);
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("fileRemovedAt").ValueKind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(server.ImportsFolder));

        var list = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/onemap/imports");
        Assert.Equal(id, list![0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Progress_is_written_to_the_job_while_the_import_runs()
    {
        // All 19,997 land-use patches of the sample: long enough (seconds) for the once-a-second progress writes to show.
        var folder = Path.Combine(server.WorkFolder, "files", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "DLTB.gpkg");
        Gdal.Ogr2Ogr("-f", "GPKG", path, SharedData.SampleGeoPackage, "DLTB");
        var (_, queued) = await UploadRawAsync(server.Client, path, "&year=2020");
        var id = queued.GetProperty("id").GetInt64();
        var seen = new List<(string Status, string? Stage, string? Layer, long Done, long? Total)>();
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var job = await server.Client.GetFromJsonAsync<JsonElement>($"/api/onemap/imports/{id}");
            var total = job.GetProperty("progressTotal");
            seen.Add((job.GetProperty("status").GetString()!, job.GetProperty("stage").GetString(), job.GetProperty("layer").GetString(),
                job.GetProperty("progressDone").GetInt64(), total.ValueKind == JsonValueKind.Null ? null : total.GetInt64()));
            if (seen[^1].Status is "done" or "failed" || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.Equal("done", seen[^1].Status);
        Assert.Equal(19997, await CountAsync("SELECT count(*) FROM dltb WHERE year = 2020"));
        Assert.Contains(seen, s => s is { Status: "running", Stage: "import", Layer: "DLTB", Total: 19997 } && s.Done is > 0 and < 19997);
        // Progress only grows while the layer is read.
        var reading = seen.Where(s => s.Stage == "import").Select(s => s.Done).ToList();
        Assert.Equal(reading.Order(), reading);
    }

    [Fact]
    public async Task A_bad_file_fails_with_problems_naming_layer_feature_and_field_and_writes_nothing()
    {
        var small = SmallGeoPackage("good.gpkg");
        string bad;
        using (var editor = GeoPackageEditor.CopyOf(small, Path.GetDirectoryName(small)!, "坏数据.gpkg"))
        {
            editor.SetValue("DLTB", 7, "DLBM", "XXXX");
            editor.SetGeometry("YJJBNT", 3, "POLYGON ((34500000 4000000, 34500100 4000100, 34500100 4000000, 34500000 4000100, 34500000 4000000))", 4522);
            bad = editor.Path;
        }
        var (status, queued) = await UploadRawAsync(server.Client, bad, "&year=2022");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var job = await WaitAsync(server.Client, queued.GetProperty("id").GetInt64());
        Assert.True(job.GetProperty("status").GetString() == "failed", job.ToString());
        Assert.Contains("nothing was imported", job.GetProperty("error").GetString());
        var problems = job.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("file").GetString() == "坏数据.gpkg" && p.GetProperty("layer").GetString() == "DLTB"
            && p.GetProperty("fid").GetInt64() == 7 && p.GetProperty("field").GetString() == "DLBM" && p.GetProperty("message").GetString()!.Contains("XXXX", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.GetProperty("layer").GetString() == "YJJBNT" && p.GetProperty("fid").GetInt64() == 3);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM layer_version WHERE year = 2022"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM dltb WHERE year = 2022"));

        // Refused at the door, no job: a foreign type, content that is not what its name says.
        var text = Path.Combine(Path.GetDirectoryName(small)!, "notes.txt");
        await File.WriteAllTextAsync(text, "not survey data");
        var (wrongType, wrongBody) = await UploadRawAsync(server.Client, text);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType);
        Assert.Contains(".gpkg", wrongBody.GetProperty("detail").GetString());
        var (disguised, disguisedBody) = await UploadRawAsync(server.Client, text, fileName: "DLTB.gpkg");
        Assert.Equal(HttpStatusCode.BadRequest, disguised);
        Assert.Contains("not a GeoPackage", disguisedBody.GetProperty("detail").GetString());
        var (badYear, _) = await UploadRawAsync(server.Client, small, "&year=twenty");
        Assert.Equal(HttpStatusCode.BadRequest, badYear);
        Assert.Empty(Directory.EnumerateFileSystemEntries(server.ImportsFolder));
    }

    [Fact]
    public async Task Only_admins_upload_and_read_import_jobs()
    {
        var path = SmallGeoPackage("DLTB.gpkg");
        foreach (var role in new[] { Role.Leader, Role.FieldManager, Role.Enforcement })
        {
            var name = $"import-{role.Name()}";
            await server.CreateUserAsync(name, role, County);
            using var client = await server.LoginAsync(name);
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
            using var upload = await client.PostAsync("/api/onemap/imports?fileName=DLTB.gpkg", content);
            Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
            using var list = await client.GetAsync("/api/onemap/imports");
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }
        using var anonymous = server.Anonymous();
        using var none = await anonymous.GetAsync("/api/onemap/imports");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    [Fact]
    public async Task A_region_admin_imports_only_his_region_and_sees_only_his_region_jobs()
    {
        var path = SmallGeoPackage("DLTB_2023.gpkg");
        await server.CreateUserAsync("import-other-county", Role.RegionAdmin, "622922");
        using var other = await server.LoginAsync("import-other-county");
        var (status, queued) = await UploadRawAsync(other, path, "&year=2023");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("622922", queued.GetProperty("regionCode").GetString());
        var refused = await WaitAsync(other, queued.GetProperty("id").GetInt64());
        Assert.True(refused.GetProperty("status").GetString() == "failed", refused.ToString());
        var problems = refused.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("layer").GetString() == "DLTB" && p.GetProperty("fid").GetInt64() == 1
            && p.GetProperty("field").GetString() == "ZLDWDM" && p.GetProperty("message").GetString()!.Contains("outside your region 622922", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM layer_version WHERE year = 2023"));

        await server.CreateUserAsync("import-township", Role.RegionAdmin, "622921101");
        using var township = await server.LoginAsync("import-township");
        var (_, townshipJob) = await UploadRawAsync(township, path, "&year=2023");
        var townshipRefused = await WaitAsync(township, townshipJob.GetProperty("id").GetInt64());
        Assert.Equal("failed", townshipRefused.GetProperty("status").GetString());
        Assert.Contains(townshipRefused.GetProperty("problems").EnumerateArray(), p => p.GetProperty("field").GetString() == "ZLDWDM");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM layer_version WHERE year = 2023"));

        await server.CreateUserAsync("import-county", Role.RegionAdmin, County);
        using var county = await server.LoginAsync("import-county");
        var (_, ownJob) = await UploadRawAsync(county, path, "&year=2023&county=622921");
        var own = await WaitAsync(county, ownJob.GetProperty("id").GetInt64());
        Assert.True(own.GetProperty("status").GetString() == "done", own.ToString());
        Assert.Equal(300 + 120, await CountAsync("SELECT sum(feature_count) FROM layer_version WHERE year = 2023"));
        var (outside, _) = await UploadRawAsync(county, path, "&county=622922");
        Assert.Equal(HttpStatusCode.Forbidden, outside);

        // Each sees his region's jobs only (the township 622921101 is inside the county); the system admin sees them all.
        var otherList = (await other.GetFromJsonAsync<JsonElement[]>("/api/onemap/imports"))!;
        Assert.Equal([queued.GetProperty("id").GetInt64()], otherList.Select(j => j.GetProperty("id").GetInt64()));
        var countyList = (await county.GetFromJsonAsync<JsonElement[]>("/api/onemap/imports"))!;
        Assert.All(countyList, j => Assert.StartsWith(County, j.GetProperty("regionCode").GetString()));
        Assert.Contains(countyList, j => j.GetProperty("id").GetInt64() == townshipJob.GetProperty("id").GetInt64());
        using (var foreign = await county.GetAsync($"/api/onemap/imports/{queued.GetProperty("id").GetInt64()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        var all = (await server.Client.GetFromJsonAsync<JsonElement[]>("/api/onemap/imports?limit=200"))!;
        Assert.Contains(all, j => j.GetProperty("regionCode").GetString() == "622922");
        Assert.Contains(all, j => j.GetProperty("regionCode").GetString() == County);
    }
}
