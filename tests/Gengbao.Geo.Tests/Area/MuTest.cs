using Gengbao.Geo.Area;

namespace Gengbao.Geo.Tests.Area;

public class MuTest
{
    [Theory]
    [InlineData(10_000.0, 15.0)]      // 1 ha = 15 mu
    [InlineData(1_000_000.0, 1500.0)] // 1 km² = 1500 mu
    [InlineData(0.0, 0.0)]
    public void SquareMetresToMu(double m2, double mu) => Assert.Equal(mu, Mu.FromSquareMetres(m2), 9);

    [Fact]
    public void OneMuIsTenThousandFifteenthsSquareMetre()
    {
        Assert.Equal(10000.0 / 15, Mu.ToSquareMetres(1), 12);
        Assert.Equal(1.0, Mu.FromSquareMetres(Mu.SquareMetresPerMu), 12);
        Assert.Equal(12345.67, Mu.FromSquareMetres(Mu.ToSquareMetres(12345.67)), 9);
    }
}
