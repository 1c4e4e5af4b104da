using Gengbao.Ledger.Accounts;

namespace Gengbao.Ledger.Tests.Accounts;

public sealed class AreaUnitsTests
{
    [Theory]
    [InlineData("666.67", "1.00", "0.0001")]        // 1 亩 ≈ 666.67 m²
    [InlineData("10000", "15.00", "0.0015")]        // 1 ha = 15 亩
    [InlineData("3.33", "0.00", "0.0000")]          // 0.004995 亩 rounds down
    [InlineData("3.34", "0.01", "0.0000")]          // 0.00501 亩 rounds up
    [InlineData("24634000000", "36951000.00", "3695.1000")]
    public void ConvertsAndRoundsHalfAwayFromZero(string m2, string mu, string wanMu)
    {
        var area = decimal.Parse(m2, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(decimal.Parse(mu, System.Globalization.CultureInfo.InvariantCulture), AreaUnits.Mu(area));
        Assert.Equal(decimal.Parse(wanMu, System.Globalization.CultureInfo.InvariantCulture), AreaUnits.WanMu(area));
    }

    [Fact]
    public void LinxiaTargetInWanMuIsExactInSquareMetres()
    {
        // 369.51 万亩 cultivated land (seed 001): 3 695 100 亩 × 2000/3 m².
        Assert.Equal(2_463_400_000.00m, AreaUnits.FromWanMu(369.51m));
        Assert.Equal(369.51m, AreaUnits.WanMu(AreaUnits.FromWanMu(369.51m)));
        Assert.Equal(666.67m, AreaUnits.FromMu(1m));
    }
}
