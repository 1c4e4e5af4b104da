using Gengbao.Security.Crypto;
using Gengbao.Storage.Security;
using Gengbao.Patrol.Tracks;
using Gengbao.Storage.Patrol;
using Gengbao.TestSupport;

namespace Gengbao.Storage.Tests.Patrol;

[Collection(PatrolCollection.Name)]
public sealed class TrackIngestTests(PatrolDatabase db)
{
    private static FieldCipher Cipher => TestFieldKey.Cipher;

    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-10T12:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);
    private readonly ManualTime _time = new(Now);

    private TrackStore Tracks => new(new OwnerConnections(db.DataSource), _time);

    /// <summary>A group task of the week of <see cref="Now"/> for the n-th group cell.</summary>
    private async Task<(long Id, string Cell)> TaskAsync(int n)
    {
        await new PatrolDispatcher(new OwnerConnections(db.DataSource)).RunAsync(Now);
        return (await db.ListAsync($"""
            SELECT id, cell_code FROM patrol_task WHERE cell_level = 6 AND period_start <= '{Now:O}' AND due_at > '{Now:O}' ORDER BY cell_code OFFSET {n} LIMIT 1
            """, r => (r.GetInt64(0), r.GetString(1)))).Single();
    }

    private async Task<List<TrackPoint>> WalkAsync(string cell, int count) =>
        PatrolDatabase.Lawnmower(await db.CellAsync(cell), Now.AddHours(-3)).Take(count).ToList();

    [Fact]
    public async Task Replay_returns_exactly_the_uploaded_points_in_order()
    {
        var (task, cell) = await TaskAsync(0);
        var walk = await WalkAsync(cell, 250);
        // Three batches, the middle one arriving last (a phone flushing its queue out of order).
        await Tracks.IngestAsync(task, Guid.NewGuid(), walk[..100]);
        await Tracks.IngestAsync(task, Guid.NewGuid(), walk[200..]);
        await Tracks.IngestAsync(task, Guid.NewGuid(), walk[100..200]);
        var replay = await Tracks.ReadAsync(task);
        Assert.Equal(walk, replay);
        Assert.Equal("in_progress", (await new PatrolTaskStore(new OwnerConnections(db.DataSource), Cipher).GetAsync(task)).State);
        // Stored in the month × county partition made on demand.
        Assert.Equal(250, await db.CountAsync($"SELECT count(*) FROM track_point_2026_06_622921 WHERE task_id = {task}"));
    }

    [Fact]
    public async Task A_retried_batch_stores_nothing_twice()
    {
        var (task, cell) = await TaskAsync(1);
        var walk = await WalkAsync(cell, 50);
        var id = Guid.NewGuid();
        Assert.True((await Tracks.IngestAsync(task, id, walk)).Stored);
        var retry = await Tracks.IngestAsync(task, id, walk);
        Assert.False(retry.Stored);
        Assert.Equal(50, await db.CountAsync($"SELECT count(*) FROM track_point WHERE task_id = {task}"));
        Assert.Equal(1, await db.CountAsync($"SELECT count(*) FROM track_batch WHERE task_id = {task}"));
    }

    [Fact]
    public async Task The_same_batch_id_with_other_points_is_a_conflict_and_changes_nothing()
    {
        var (task, cell) = await TaskAsync(2);
        var walk = await WalkAsync(cell, 40);
        var id = Guid.NewGuid();
        await Tracks.IngestAsync(task, id, walk[..20]);
        var e = await Assert.ThrowsAsync<PatrolException>(() => Tracks.IngestAsync(task, id, walk[20..]));
        Assert.Equal(PatrolError.Conflict, e.Error);
        Assert.Contains(id.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Equal(walk[..20], await Tracks.ReadAsync(task));
    }

    [Theory]
    [InlineData("lon", "impossible coordinates")]
    [InlineData("outside", "outside China")]
    [InlineData("future", "in the future")]
    [InlineData("accuracy", "accuracy")]
    public async Task A_batch_with_one_bad_point_is_refused_whole_naming_batch_and_point(string fault, string message)
    {
        var (task, cell) = await TaskAsync(3);
        var walk = await WalkAsync(cell, 30);
        walk[17] = fault switch
        {
            "lon" => walk[17] with { Lon = 250 },
            "outside" => walk[17] with { Lon = 2.35, Lat = 48.85 },
            "future" => walk[17] with { Time = Now.AddHours(1) },
            _ => walk[17] with { Accuracy = -3 },
        };
        var points = await db.CountAsync("SELECT count(*) FROM track_point");
        var batches = await db.CountAsync("SELECT count(*) FROM track_batch");
        var id = Guid.NewGuid();
        var e = await Assert.ThrowsAsync<PatrolException>(() => Tracks.IngestAsync(task, id, walk));
        Assert.Equal(PatrolError.Invalid, e.Error);
        var problem = Assert.Single(e.Problems);
        Assert.StartsWith($"batch {id}: point 17: ", problem, StringComparison.Ordinal);
        Assert.Contains(message, problem, StringComparison.Ordinal);
        Assert.Equal(points, await db.CountAsync("SELECT count(*) FROM track_point"));
        Assert.Equal(batches, await db.CountAsync("SELECT count(*) FROM track_batch"));
    }

    [Fact]
    public async Task An_upload_cancelled_before_commit_leaves_nothing_and_acknowledged_batches_stay()
    {
        var (task, cell) = await TaskAsync(4);
        var walk = await WalkAsync(cell, 2000);
        await Tracks.IngestAsync(task, Guid.NewGuid(), walk[..100]);
        // The client goes away during the upload: the batch transaction never commits, so none of its points exist.
        using var cut = new CancellationTokenSource();
        var slow = walk[100..].ToList();
        var upload = Tracks.IngestAsync(task, Guid.NewGuid(), slow, "app", cut.Token);
        cut.Cancel();
        // Usually the cancellation lands inside the transaction; on a fast, idle machine the upload may have committed
        // already. Either way the batch is all or nothing, and what was acknowledged before stays.
        var committed = true;
        try
        {
            await upload;
        }
        catch (OperationCanceledException)
        {
            committed = false;
        }
        Assert.Equal(committed ? walk : walk[..100], await Tracks.ReadAsync(task));
        Assert.Equal(committed ? 2 : 1, await db.CountAsync($"SELECT count(*) FROM track_batch WHERE task_id = {task}"));
    }

    [Fact]
    public async Task An_unknown_task_is_not_found() =>
        Assert.Equal(PatrolError.NotFound, (await Assert.ThrowsAsync<PatrolException>(
            () => Tracks.IngestAsync(987_654_321, Guid.NewGuid(), [new TrackPoint(103.2, 35.5, 5, null, Now)]))).Error);
}
