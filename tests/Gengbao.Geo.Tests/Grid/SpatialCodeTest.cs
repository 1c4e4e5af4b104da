using Gengbao.Geo.Crs;
using Gengbao.Geo.Grid;

namespace Gengbao.Geo.Tests.Grid;

public class SpatialCodeTest
{
    private const string Parcel =
        "POLYGON ((34600327.83851183 3952502.9998742323, 34600336.68197617 3952492.823535324, 34600173.20318875 3952332.079297603, 34600048.69985233 3952293.915807634, 34600034.784562014 3952605.428618092, 34600327.83851183 3952502.9998742323))";

    [Theory]
    [InlineData("6229211002010010000", "622921100201")] // 19-digit ZLDWDM: the village part
    [InlineData("622921100201001", "622921100201")]     // 15-digit group code
    [InlineData("622921100201", "622921100201")]
    [InlineData("622921100", "622921100000")]           // township: padded
    [InlineData("622921", "622921000000")]              // county: padded
    public void VillagePartComesFirst(string adminCode, string village)
    {
        var code = SpatialCode.Compose(adminCode, 103.1234567, 35.6543210);
        Assert.Equal(village + BeidouGridCode.Encode(103.1234567, 35.6543210, 7), code);
        Assert.Equal(12 + 14, code.Length);
    }

    [Fact]
    public void ComposeForParcelUsesItsInteriorPointInLonLat()
    {
        var parcel = GeoTestCase.Read(Parcel);
        var zone = CgcsCrs.GetZone(4522);
        var point = SpatialCode.InteriorPoint(parcel);
        Assert.True(parcel.Contains(point));
        var (lon, lat) = TransverseMercator.For(zone).Inverse(point.X, point.Y);
        Assert.Equal(SpatialCode.Compose("6229211002010010000", lon, lat, 8), SpatialCode.ComposeFor("6229211002010010000", parcel, zone, 8));
        Assert.StartsWith("622921100201N48I", SpatialCode.ComposeFor("6229211002010010000", parcel, zone), StringComparison.Ordinal);
    }

    [Fact]
    public void InteriorPointIsDeterministic() =>
        Assert.Equal(SpatialCode.InteriorPoint(GeoTestCase.Read(Parcel)), SpatialCode.InteriorPoint(GeoTestCase.Read(Parcel)));

    [Theory]
    [InlineData("622921100201N48I2707963216", "622921100201", "N48I2707963216", 7, null)]
    [InlineData("622921100201N48I2707963216-2", "622921100201", "N48I2707963216", 7, 2)]
    [InlineData("622921100201N48I-17", "622921100201", "N48I", 1, 17)]
    public void ParsesWellFormedCodes(string code, string admin, string beidou, int level, int? suffix)
    {
        Assert.True(SpatialCode.TryParse(code, out var parts));
        Assert.Equal(new SpatialCodeParts(admin, beidou, level, suffix), parts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("62292110020N48I2707963216")]    // 11-digit village
    [InlineData("622921100201X48I4B0A64112B")]   // not a Beidou code
    [InlineData("622921100201N48I270796321")]    // Beidou code of impossible length
    [InlineData("622921100201N48I2707963216-1")] // the first parcel carries no suffix
    [InlineData("622921100201N48I2707963216-02")]
    [InlineData("622921100201N48I2707963216-")]
    [InlineData("622921100201N48I2707963216-2x")]
    public void RejectsMalformedCodes(string? code) => Assert.False(SpatialCode.TryParse(code, out _));

    [Fact]
    public void SuffixNumbersCollisions()
    {
        const string code = "622921100201N48I2707963216";
        Assert.Equal(code, SpatialCode.WithSuffix(code, 1));
        Assert.Equal(code + "-2", SpatialCode.WithSuffix(code, 2));
        Assert.Equal(code + "-3", SpatialCode.WithSuffix(code + "-2", 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpatialCode.WithSuffix(code, 0));
        Assert.Throws<ArgumentException>(() => SpatialCode.WithSuffix("not a code", 2));
    }

    [Theory]
    [InlineData("6229211002")]
    [InlineData("62292A")]
    [InlineData("")]
    public void MalformedAdminCodeThrows(string adminCode)
    {
        var error = Assert.Throws<ArgumentException>(() => SpatialCode.Compose(adminCode, 103.1, 35.6));
        Assert.Contains("admin code", error.Message, StringComparison.Ordinal);
    }
}
