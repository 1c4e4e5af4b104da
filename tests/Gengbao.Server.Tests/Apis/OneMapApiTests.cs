using System.Net;
using System.Text.Json;

namespace Gengbao.Server.Tests.Apis;

public sealed class OneMapApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task HealthAnswersWithTheDatabaseVersions()
    {
        using var response = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("15.", body.RootElement.GetProperty("postgres").GetString());
        Assert.StartsWith("3.", body.RootElement.GetProperty("postGis").GetString());
    }

    [Fact]
    public async Task OpenApiDocumentListsTheRoutes()
    {
        using var document = JsonDocument.Parse(await server.Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/health", out _));
        Assert.True(paths.TryGetProperty("/api/onemap/parcels/{code}", out _));
        Assert.True(paths.TryGetProperty("/api/ledger/units", out _));
    }

    [Fact]
    public async Task ParcelBySpatialCodeGivesItsAttributesAndOfficialArea()
    {
        var code = await server.ScalarAsync("SELECT spatial_code FROM dltb WHERE fid = 1");
        var tbmj = decimal.Parse(await server.ScalarAsync("SELECT tbmj FROM dltb WHERE fid = 1"), System.Globalization.CultureInfo.InvariantCulture);
        using var body = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/onemap/parcels/{code}"));
        var parcel = body.RootElement.EnumerateArray().Single(p => p.GetProperty("layer").GetString() == "DLTB");
        Assert.Equal("0201", parcel.GetProperty("attributes").GetProperty("dlbm").GetString());
        var area = parcel.GetProperty("areaM2").GetDecimal();
        Assert.InRange(Math.Abs(area - tbmj), 0m, 0.5m);
        Assert.Equal(Math.Round(area * 0.0015m, 2), parcel.GetProperty("areaMu").GetDecimal());
        Assert.Equal("MultiPolygon", parcel.GetProperty("geometry").GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownSpatialCodeIsNotFound()
    {
        using var response = await server.Client.GetAsync("/api/onemap/parcels/622921100201N48X000000000");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task QrCodesCarryTheParcelPage()
    {
        var code = await server.ScalarAsync("SELECT spatial_code FROM dltb WHERE fid = 2");
        var png = await server.Client.GetByteArrayAsync($"/api/onemap/parcels/{code}/qr.png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var svg = await server.Client.GetStringAsync($"/api/onemap/parcels/{code}/qr.svg");
        Assert.Contains("<svg", svg);
        var page = await server.Client.GetStringAsync($"/p/{code}");
        Assert.Contains("地类图斑", page);
        Assert.Contains(code, page);
        Assert.Contains("亩", page);
    }
}
