using Gengbao.Storage.Security;
using Gengbao.Geo.Codes;
using Gengbao.Patrol.Cycles;
using Gengbao.Storage.Patrol;

namespace Gengbao.Storage.Tests.Patrol;

/// <summary>The dispatcher's SQL picks, for every cell, the plan <see cref="CyclePolicy"/> picks in C#.</summary>
public sealed class PlanResolutionTests(PatrolDatabase db) : IClassFixture<PatrolDatabase>
{
    [Fact]
    public async Task Regional_and_seasonal_plans_are_chosen_as_CyclePolicy_chooses()
    {
        var plans = new PlanStore(new OwnerConnections(db.DataSource));
        await plans.CreateAsync("夏季村级每周", 5, "622921100", "weekly", [7]);
        await plans.CreateAsync("本县社级每月", 6, "622921", "monthly", null);
        await plans.CreateAsync("某乡社级每周", 6, "622921101", "weekly", null);
        var bad = await Assert.ThrowsAsync<PatrolException>(() => plans.CreateAsync("", 7, "62x", "daily", [13]));
        Assert.Equal(5, bad.Problems.Count);

        var rules = (await plans.ListAsync()).Select(p => new PlanRule(p.Id, (AdminLevel)p.Level, p.RegionPrefix, PatrolCycles.Parse(p.Cycle), p.Months)).ToList();
        var policy = new CyclePolicy(rules);
        foreach (var at in new[] { new DateTimeOffset(2027, 7, 5, 8, 0, 0, ChinaTime.Offset), new DateTimeOffset(2027, 8, 5, 8, 0, 0, ChinaTime.Offset) })
        {
            await new PatrolDispatcher(new OwnerConnections(db.DataSource)).RunAsync(at);
            var tasks = await db.ListAsync($"""
                SELECT cell_code, cell_level, plan_id, period_key FROM patrol_task WHERE period_start <= '{at:O}' AND due_at > '{at:O}'
                """, r => (Cell: r.GetString(0), Level: (AdminLevel)r.GetInt16(1), Plan: r.GetInt64(2), Period: r.GetString(3)));
            Assert.Equal(await db.CountAsync("SELECT count(*) FROM admin_unit WHERE level BETWEEN 2 AND 6"), tasks.Count);
            foreach (var t in tasks)
            {
                var expected = policy.Resolve(t.Level, t.Cell, at)!;
                Assert.Equal((expected.Id, PatrolPeriod.Containing(expected.Cycle, at).Key), (t.Plan, t.Period));
            }
            // The overrides did apply somewhere: a weekly village task in July only.
            Assert.Equal(at.Month == 7, tasks.Any(t => t.Level == AdminLevel.Village && t.Period.Contains('W', StringComparison.Ordinal)));
        }
    }
}
