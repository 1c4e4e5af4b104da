using Gengbao.Geo.Grid;

namespace Gengbao.Geo.Tests.Grid;

public class BeidouGridCodeTest
{
    // domain.md §6.2 test vectors.
    [Theory]
    [InlineData(116.31260278, 39.99316111, 1, "N50J")]
    [InlineData(116.31260278, 39.99316111, 3, "N50J475")]
    [InlineData(116.31260278, 39.99316111, 5, "N50J47539B8")]
    [InlineData(116.31260278, 39.99316111, 7, "N50J47539B8255")]
    [InlineData(116.31260278, 39.99316111, 10, "N50J47539B8255346152")]
    [InlineData(120.637779, 31.2720680, 1, "N51H")]
    [InlineData(120.637779, 31.2720680, 3, "N51H162")]
    [InlineData(120.637779, 31.2720680, 5, "N51H1628644")]
    [InlineData(120.637779, 31.2720680, 10, "N51H1628644205061116")]
    public void EncodesDomainTestVectors(double lon, double lat, int level, string code) =>
        Assert.Equal(code, BeidouGridCode.Encode(lon, lat, level));

    [Fact]
    public void EveryLevelIsAPrefixOfTheNext()
    {
        var finest = BeidouGridCode.Encode(103.1234567, 35.6543210, 10);
        for (var level = 1; level <= 10; level++)
        {
            Assert.Equal(finest[..BeidouGridCode.LengthOf(level)], BeidouGridCode.Encode(103.1234567, 35.6543210, level));
        }
    }

    [Theory]
    [InlineData(103.1234567, 35.6543210)]
    [InlineData(-58.3816, -34.6037)]
    [InlineData(-122.3321, 47.6062)]
    [InlineData(151.2093, -33.8688)]
    [InlineData(0.0000001, 0.0000001)]
    [InlineData(-0.0000001, -0.0000001)]
    public void DecodedCellContainsThePointAndHasTheLevelSize(double lon, double lat)
    {
        for (var level = 1; level <= 10; level++)
        {
            var cell = BeidouGridCode.Decode(BeidouGridCode.Encode(lon, lat, level));
            Assert.Equal(level, cell.Level);
            Assert.InRange(lon, cell.West, cell.East);
            Assert.InRange(lat, cell.South, cell.North);
        }
        var finest = BeidouGridCode.Decode(BeidouGridCode.Encode(lon, lat, 10));
        // 1/2048″ wide and high; degrees near 100° carry 1e-14° of rounding, so compare in cell units.
        Assert.Equal(1.0, (finest.East - finest.West) * 3600 * 2048, 6);
        Assert.Equal(1.0, (finest.North - finest.South) * 3600 * 2048, 6);
    }

    [Theory]
    [InlineData("N50J47539B8255346152")]
    [InlineData("N51H162")]
    [InlineData("S21I")]
    [InlineData("N10L00")]
    public void CornerNearestTheOriginEncodesBackToItsCell(string code)
    {
        // Cell edges are exact in 1/2048″ units, so the decoded corner is not pushed into a neighbour by rounding.
        var cell = BeidouGridCode.Decode(code);
        var lon = cell.West < 0 ? cell.East : cell.West;
        var lat = cell.South < 0 ? cell.North : cell.South;
        Assert.Equal(code, BeidouGridCode.Encode(lon, lat, cell.Level));
        Assert.Equal(code, BeidouGridCode.Encode(cell.Centre.Lon, cell.Centre.Lat, cell.Level));
    }

    [Fact]
    public void GridLinesBelongToTheCellAwayFromTheOrigin()
    {
        Assert.Equal("N50J", BeidouGridCode.Encode(114.0, 36.0, 1));          // 114°E, 36°N start sheet J-50
        Assert.Equal("N50J40", BeidouGridCode.Encode(116.0, 36.0, 2));        // 116°E is the 5th 30′ column
        Assert.Equal("S30A", BeidouGridCode.Encode(-0.0001, -0.0001, 1));
        Assert.Equal("N31A", BeidouGridCode.Encode(0.0, 0.0, 1));
    }

    [Fact]
    public void OtherHemispheresMirrorTheNorthEast()
    {
        // From level 2 on the digits depend on |lon| and |lat| only; level 1 keeps the 1:1 000 000 sheet numbering.
        var ne = BeidouGridCode.Encode(103.1234567, 35.6543210, 10);
        var nw = BeidouGridCode.Encode(-103.1234567, 35.6543210, 10);
        var sw = BeidouGridCode.Encode(-103.1234567, -35.6543210, 10);
        var se = BeidouGridCode.Encode(103.1234567, -35.6543210, 10);
        Assert.Equal("N48I", ne[..4]);
        Assert.Equal("N13I", nw[..4]);
        Assert.Equal("S13I", sw[..4]);
        Assert.Equal("S48I", se[..4]);
        Assert.Equal(ne[4..], nw[4..]);
        Assert.Equal(ne[4..], sw[4..]);
        Assert.Equal(ne[4..], se[4..]);
    }

    [Theory]
    [InlineData(180.0, "N60A")]
    [InlineData(-180.0, "N01A")]
    public void AntimeridianFallsInTheOutermostColumn(double lon, string code) =>
        Assert.Equal(code, BeidouGridCode.Encode(lon, 1.0, 1));

    [Theory]
    [InlineData(103.0, 88.0, 5)]
    [InlineData(103.0, -89.0, 5)]
    [InlineData(181.0, 35.0, 5)]
    [InlineData(double.NaN, 35.0, 5)]
    [InlineData(103.0, 35.0, 0)]
    [InlineData(103.0, 35.0, 11)]
    public void OutOfRangeInputThrows(double lon, double lat, int level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BeidouGridCode.Encode(lon, lat, level));

    // Malformed codes: the message names the character and its 1-based position.
    [Theory]
    [InlineData("X50J", "'X' at position 1")]
    [InlineData("N5XJ", "'X' at position 3")]
    [InlineData("N61J", "column 61 at positions 2-3")]
    [InlineData("N00J", "column 00 at positions 2-3")]
    [InlineData("N50W", "'W' at position 4")]
    [InlineData("N50JC0", "'C' at position 5")]
    [InlineData("N50J48", "'8' at position 6")]
    [InlineData("N50J476", "'6' at position 7")]
    [InlineData("N50J475F9", "'F' at position 8")]
    [InlineData("N50J47539B84", "'4' at position 12")]
    [InlineData("N50J47539B8285", "'8' at position 13")]
    [InlineData("n50J", "'n' at position 1")]
    [InlineData("N50J4", "has 5 characters")]
    [InlineData("", "has 0 characters")]
    public void MalformedCodeNamesTheProblem(string code, string expected)
    {
        var error = Assert.Throws<FormatException>(() => BeidouGridCode.Decode(code));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(BeidouGridCode.TryDecode(code, out _));
    }
}
