using Gengbao.Geo.Codes;
using Gengbao.Patrol.Cycles;
using Gengbao.Patrol.Roster;
using Gengbao.Server.Patrol;

namespace Gengbao.Server.Apis;

/// <summary>Dashboard statistics: patrols per month per unit, completion rate, managers per unit, township ranking.</summary>
public static partial class PatrolApi
{
    private static void MapStatistics(RouteGroupBuilder api)
    {
        api.MapGet("/stats/monthly", (string? region, string? level, DateTimeOffset? from, DateTimeOffset? to, PatrolStores stores, CancellationToken ct) =>
                stores.Statistics.MonthlyAsync(region, UnitLevel(level, AdminLevel.Township), from, to, ct))
            .WithName("PatrolMonthlyStatistics").WithSummary("Tasks, completed and overdue per unit (level 州/县/乡/村, default 乡) and month, with the completion rate");
        api.MapGet("/stats/townships", (string? region, DateTimeOffset? from, DateTimeOffset? to, PatrolStores stores, CancellationToken ct) =>
                stores.Statistics.TownshipRankingAsync(region, from, to, ct))
            .WithName("PatrolTownshipRanking").WithSummary("Townships ranked by completion rate over the tasks whose period starts in [from, to)");
        api.MapGet("/stats/managers", (string? region, string? level, PatrolStores stores, CancellationToken ct) =>
                stores.Statistics.ManagersAsync(region, UnitLevel(level, AdminLevel.Township), ChinaTime.DateOf(stores.Time.GetUtcNow()), ct))
            .WithName("PatrolManagerCounts").WithSummary("Field managers and assistants on the current roster per unit");
    }

    private static AdminLevel UnitLevel(string? level, AdminLevel fallback) => level is null ? fallback
        : RosterValidator.ParseLevel(level) ?? throw new ArgumentException($"level '{level}' is not 州, 县, 乡 or 村 (or 2-5)");
}
