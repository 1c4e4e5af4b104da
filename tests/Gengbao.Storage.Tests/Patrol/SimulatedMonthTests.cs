using Gengbao.Security.Crypto;
using Gengbao.Storage.Security;
using Gengbao.Geo.Codes;
using Gengbao.Import.Roster;
using Gengbao.Patrol.Cycles;
using Gengbao.Patrol.Tasks;
using Gengbao.Storage.Patrol;
using Gengbao.TestSupport;

namespace Gengbao.Storage.Tests.Patrol;

/// <summary>
/// A month of the sample county: the dispatcher runs every morning of March 2026 and on 1 April; a few group managers
/// patrol (tracks uploaded, tasks finished), the rest miss their week. Every number is checked against what the
/// calendar rules and the loaded cells say, not against constants.
/// </summary>
public sealed class SimulatedMonthTests(PatrolDatabase db) : IClassFixture<PatrolDatabase>
{
    private static FieldCipher Cipher => TestFieldKey.Cipher;

    [Fact]
    public async Task A_month_of_dispatch_patrols_and_missed_patrols()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-03-01T08:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        var dispatcher = new PatrolDispatcher(new OwnerConnections(db.DataSource));
        var tracks = new TrackStore(new OwnerConnections(db.DataSource), time);
        var tasks = new PatrolTaskStore(new OwnerConnections(db.DataSource), Cipher);
        var reports = new TrackReportQuery(new OwnerConnections(db.DataSource), tracks);
        var roster = await db.RosterCsvAsync(groups: 40);
        await new RosterImporter(new OwnerConnections(db.DataSource), Cipher).ImportAsync(RosterFileReader.Read(new MemoryStream(roster), "roster.csv"), roster);

        var runs = Enumerable.Range(0, 32).Select(d => time.Now.AddDays(d)).ToList(); // 1 March .. 1 April, 08:00 China time
        var patrolled = new List<long>();
        long shortWalk = 0;
        foreach (var now in runs)
        {
            time.Now = now;
            await dispatcher.RunAsync(now);
            if (now.Day == 3)
            {
                // Three managers walk their whole group cell; one walks two lines only.
                var week = await tasks.ListAsync(new TaskQuery(Region: "622921", State: "pending", DueTo: now.AddDays(7)));
                var groups = week.Where(t => t.CellLevel == 6 && t.AssigneePhone is not null).Take(4).ToList();
                Assert.Equal(4, groups.Count);
                for (var i = 0; i < groups.Count; i++)
                {
                    var cell = await db.CellAsync(groups[i].CellCode);
                    var walk = PatrolDatabase.Lawnmower(cell, now.AddHours(1), maxLines: i == 3 ? 2 : null);
                    time.Now = walk[^1].Time.AddMinutes(1);
                    foreach (var chunk in walk.Chunk(500))
                    {
                        await tracks.IngestAsync(groups[i].Id, Guid.NewGuid(), chunk);
                    }
                    var report = await reports.RunAsync(groups[i].Id);
                    var finished = await tasks.ChangeStateAsync(groups[i].Id, TaskStateRules.Judge(report.Report), time.Now, report.Report);
                    if (i < 3)
                    {
                        Assert.Equal("completed", finished.State);
                        Assert.True(finished.Coverage > 0.95, $"coverage {finished.Coverage} of a full walk");
                        patrolled.Add(groups[i].Id);
                    }
                    else
                    {
                        Assert.Equal("incomplete", finished.State);
                        shortWalk = groups[i].Id;
                    }
                }
                time.Now = now;
            }
        }

        // Tasks: one per cell and period of its level's cycle, for every period any run fell in.
        var levels = await db.ListAsync("SELECT level, count(*) FROM admin_unit WHERE level BETWEEN 2 AND 6 GROUP BY level",
            r => (Level: (AdminLevel)r.GetInt16(0), Cells: r.GetInt64(1)));
        var policy = new CyclePolicy(CyclePolicy.Defaults);
        var expected = levels.Sum(l => l.Cells * runs.Select(r => PatrolPeriod.Containing(policy.Resolve(l.Level, "622921", r)!.Cycle, r).Key).Distinct().Count());
        Assert.Equal(expected, await db.CountAsync("SELECT count(*) FROM patrol_task"));
        Assert.Equal(0, (await dispatcher.RunAsync(runs[^1])).TasksCreated);

        // Completed tasks stay completed; every other task due by the last run is overdue, and only those.
        var last = runs[^1];
        foreach (var id in patrolled)
        {
            Assert.Equal("completed", (await tasks.GetAsync(id)).State);
        }
        Assert.Equal("overdue", (await tasks.GetAsync(shortWalk)).State);
        var dueBy = await db.CountAsync($"SELECT count(*) FROM patrol_task WHERE due_at <= '{last:O}'");
        Assert.Equal(dueBy - patrolled.Count, await db.CountAsync("SELECT count(*) FROM patrol_task WHERE state = 'overdue'"));
        Assert.Equal(0, await db.CountAsync($"SELECT count(*) FROM patrol_task WHERE due_at > '{last:O}' AND state = 'overdue'"));

        // Exactly one overdue warning per overdue task, to the cell one level up; each got its due-soon warning first.
        Assert.Equal(0, await db.CountAsync("""
            SELECT count(*) FROM patrol_task t
            WHERE t.state = 'overdue' AND (SELECT count(*) FROM patrol_warning w WHERE w.task_id = t.id AND w.kind = 'overdue') <> 1
            """));
        Assert.Equal(0, await db.CountAsync("""
            SELECT count(*) FROM patrol_task t
            WHERE t.state = 'overdue' AND NOT EXISTS (SELECT 1 FROM patrol_warning w WHERE w.task_id = t.id AND w.kind = 'due_soon'
                                                      AND w.created_at >= t.warn_at AND w.created_at < t.due_at)
            """));
        Assert.Equal(0, await db.CountAsync($"SELECT count(*) FROM patrol_warning WHERE task_id IN ({string.Join(',', patrolled)}) AND kind = 'overdue'"));
        Assert.Equal(0, await db.CountAsync("""
            SELECT count(*) FROM patrol_warning w JOIN admin_unit a ON a.code = w.cell_code WHERE w.supervisor_code IS DISTINCT FROM a.parent_code
            """));
        // Villages all have a manager on the roster, so every group task's warning names a person.
        Assert.Equal(0, await db.CountAsync("""
            SELECT count(*) FROM patrol_warning w JOIN patrol_task t ON t.id = w.task_id WHERE t.cell_level = 6 AND w.supervisor_id IS NULL
            """));
        var warnings = await new WarningStore(new OwnerConnections(db.DataSource), Cipher).ListAsync("622921", null, "overdue", 10_000);
        Assert.All(warnings.Where(w => w.CellCode.Length == 15), w => Assert.StartsWith("139", w.SupervisorPhone, StringComparison.Ordinal));
    }
}
