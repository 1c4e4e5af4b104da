using Gengbao.Geo.Codes;
using Gengbao.Patrol.Cycles;

namespace Gengbao.Patrol.Tests.Cycles;

public class CyclePolicyTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 15, 0, 0, 0, ChinaTime.Offset);
    private static readonly DateTimeOffset September = new(2026, 9, 15, 0, 0, 0, ChinaTime.Offset);

    [Theory]
    [InlineData(AdminLevel.Prefecture, "622900000000", PatrolCycle.HalfYearly)]
    [InlineData(AdminLevel.County, "622921000000", PatrolCycle.HalfYearly)]
    [InlineData(AdminLevel.Township, "622921100000", PatrolCycle.Quarterly)]
    [InlineData(AdminLevel.Village, "622921100201", PatrolCycle.Monthly)]
    [InlineData(AdminLevel.Group, "622921100201001", PatrolCycle.Weekly)]
    public void Defaults_follow_seed_001(AdminLevel level, string code, PatrolCycle expected)
    {
        Assert.Equal(expected, new CyclePolicy(CyclePolicy.Defaults).Resolve(level, code, June)!.Cycle);
    }

    [Fact]
    public void A_seasonal_override_for_a_county_applies_only_in_its_months_and_region()
    {
        var summer = new PlanRule(10, AdminLevel.Village, "622921", PatrolCycle.Weekly, [6, 7, 8]);
        var policy = new CyclePolicy([.. CyclePolicy.Defaults, summer]);
        Assert.Equal(10, policy.Resolve(AdminLevel.Village, "622921100201", June)!.Id);
        Assert.Equal(4, policy.Resolve(AdminLevel.Village, "622921100201", September)!.Id);
        Assert.Equal(4, policy.Resolve(AdminLevel.Village, "622922100201", June)!.Id);
    }

    [Fact]
    public void The_longest_region_prefix_wins()
    {
        var county = new PlanRule(10, AdminLevel.Group, "622921", PatrolCycle.Monthly);
        var township = new PlanRule(11, AdminLevel.Group, "622921100", PatrolCycle.Weekly);
        var policy = new CyclePolicy([.. CyclePolicy.Defaults, county, township]);
        Assert.Equal(11, policy.Resolve(AdminLevel.Group, "622921100201001", June)!.Id);
        Assert.Equal(10, policy.Resolve(AdminLevel.Group, "622921101201001", June)!.Id);
    }

    [Fact]
    public void No_plan_for_a_level_means_no_task()
    {
        Assert.Null(new CyclePolicy(CyclePolicy.Defaults).Resolve(AdminLevel.Province, "620000000000", June));
    }
}
