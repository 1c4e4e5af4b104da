using Gengbao.Security.Access;

namespace Gengbao.Security.Tests.Access;

public sealed class RegionScopeTests
{
    [Theory]
    [InlineData("", "622921", true)]
    [InlineData("62", "622921103201", true)]
    [InlineData("6229", "622921", true)]
    [InlineData("622921", "622921", true)]
    [InlineData("622921", "622922", false)]
    [InlineData("622921", "62292", false)]
    [InlineData("622921103", "622921103201001", true)]
    [InlineData("622921103", "622921104201", false)]
    [InlineData("622921103201", "622921103", false)]
    public void CoversCodesUnderItsPrefix(string region, string code, bool expected) =>
        Assert.Equal(expected, RegionScope.Parse(region).Covers(code));

    [Theory]
    [InlineData("6")]
    [InlineData("62292")]
    [InlineData("6229211")]
    [InlineData("62292a")]
    [InlineData("622921103201001")]
    [InlineData("６２")] // full-width digits are not admin codes
    public void RefusesWhatIsNotARegion(string code) => Assert.Throws<FormatException>(() => RegionScope.Parse(code));

    [Fact]
    public void CountryIsEmptyOrStarAndItsSettingIsAll()
    {
        Assert.True(RegionScope.Parse(null).IsCountry);
        Assert.True(RegionScope.Parse("*").IsCountry);
        Assert.Equal("all", RegionScope.Country.SettingValue);
        Assert.Equal("622921", RegionScope.Parse("622921").SettingValue);
        Assert.Equal("", default(RegionScope).Prefix);
    }

    [Fact]
    public void RegionAdminsManageOnlyBelowThemselvesInsideTheirRegion()
    {
        var county = RegionScope.Parse("622921");
        Assert.True(Role.RegionAdmin.MayManage(county, Role.FieldManager, RegionScope.Parse("622921103")));
        Assert.True(Role.RegionAdmin.MayManage(county, Role.RegionAdmin, county));
        Assert.False(Role.RegionAdmin.MayManage(county, Role.FieldManager, RegionScope.Parse("622922")));
        Assert.False(Role.RegionAdmin.MayManage(county, Role.Leader, RegionScope.Parse("6229")));
        Assert.False(Role.RegionAdmin.MayManage(county, Role.SystemAdmin, county));
        Assert.True(Role.SystemAdmin.MayManage(RegionScope.Country, Role.SystemAdmin, RegionScope.Country));
        Assert.False(Role.Leader.MayManage(RegionScope.Country, Role.FieldManager, county));
    }

    [Fact]
    public void RoleNamesRoundTripAndLeadersDoNotWrite()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            Assert.Equal(role, Roles.Parse(role.Name()));
        }
        Assert.False(Roles.TryParse("System_Admin", out _));
        Assert.False(Role.Leader.CanWrite());
        Assert.False(Role.Public.CanWrite());
        Assert.True(Role.FieldManager.CanWrite());
    }
}
