using Gengbao.Storage.Patrol;
using Npgsql;

namespace Gengbao.Server.Patrol;

/// <summary>The patrol storage seams the handlers, the scheduler and the CLI share, over the one data source and clock.</summary>
public sealed class PatrolStores
{
    public PatrolStores(NpgsqlDataSource dataSource, TimeProvider time)
    {
        Time = time;
        Roster = new RosterImporter(dataSource);
        RosterQuery = new RosterStore(dataSource);
        Plans = new PlanStore(dataSource);
        Dispatcher = new PatrolDispatcher(dataSource);
        Tasks = new PatrolTaskStore(dataSource);
        Warnings = new WarningStore(dataSource);
        Tracks = new TrackStore(dataSource, time);
        Reports = new TrackReportQuery(dataSource, Tracks);
        Findings = new FindingStore(dataSource, Tracks, time);
        Statistics = new PatrolStatistics(dataSource);
    }

    public TimeProvider Time { get; }
    public RosterImporter Roster { get; }
    public RosterStore RosterQuery { get; }
    public PlanStore Plans { get; }
    public PatrolDispatcher Dispatcher { get; }
    public PatrolTaskStore Tasks { get; }
    public WarningStore Warnings { get; }
    public TrackStore Tracks { get; }
    public TrackReportQuery Reports { get; }
    public FindingStore Findings { get; }
    public PatrolStatistics Statistics { get; }
}
