using Gengbao.Storage.Security;
using Gengbao.Storage.Patrol;

namespace Gengbao.Storage.Tests.Patrol;

/// <summary>Restarts and several servers: the unique (cell, plan, period) key makes dispatch happen once.</summary>
public sealed class DispatchOnceTests(PatrolDatabase db) : IClassFixture<PatrolDatabase>
{
    [Fact]
    public async Task Dispatch_twice_or_concurrently_sends_each_task_once()
    {
        var at = DateTimeOffset.Parse("2027-05-12T10:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);
        var dispatcher = new PatrolDispatcher(new OwnerConnections(db.DataSource));
        var before = await db.CountAsync("SELECT count(*) FROM patrol_task");
        var results = await Task.WhenAll(dispatcher.RunAsync(at), dispatcher.RunAsync(at), dispatcher.RunAsync(at));
        var cells = await db.CountAsync("SELECT count(*) FROM admin_unit WHERE level BETWEEN 2 AND 6");
        Assert.Equal(cells, results.Sum(r => r.TasksCreated));
        Assert.Equal(before + cells, await db.CountAsync("SELECT count(*) FROM patrol_task"));
        Assert.Equal(0, (await dispatcher.RunAsync(at.AddHours(1))).TasksCreated);
    }
}
