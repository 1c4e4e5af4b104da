using Gengbao.Screening.Internal;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Valid;

namespace Gengbao.Screening.Tests.Internal;

/// <summary>The fast validity proof only ever says "valid" when IsValidOp agrees.</summary>
public sealed class SimpleRingCheckTest
{
    private static readonly WKTReader Reader = new();

    [Theory]
    [InlineData("POLYGON((0 0,10 0,10 10,0 10,0 0))", true)]
    [InlineData("MULTIPOLYGON(((0 0,10 0,0 10,0 0)))", true)]
    [InlineData("POLYGON((0 0,5 0,10 0,10 10,0 10,0 0))", true)]
    [InlineData("POLYGON((0 0,10 10,10 0,0 10,0 0))", false)]
    [InlineData("POLYGON((0 0,10 0,10 10,5 0,0 10,0 0))", false)]
    [InlineData("POLYGON((0 0,10 0,20 0,10 0,10 10,0 0))", false)]
    [InlineData("POLYGON((0 0,10 0,10 0,10 10,0 10,0 0))", false)]
    [InlineData("POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 2))", false)]
    [InlineData("MULTIPOLYGON(((0 0,1 0,0 1,0 0)),((5 5,6 5,5 6,5 5)))", false)]
    public void ProvesOnlyWhatIsValidOpConfirms(string wkt, bool proven)
    {
        var geometry = Reader.Read(wkt);
        Assert.Equal(proven, SimpleRingCheck.IsValidSingleRing(geometry));
        if (proven)
        {
            Assert.True(new IsValidOp(geometry).IsValid);
        }
    }
}
