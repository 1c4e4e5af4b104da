using Gengbao.Security.Crypto;
using Gengbao.Storage.Patrol;
using Gengbao.Storage.Security;

namespace Gengbao.Server.Patrol;

/// <summary>
/// The patrol storage seams of one request, over connections scoped to the caller's region (row-level security,
/// docs/security.md): a village's field manager reaches only his village's tasks, tracks and findings.
/// </summary>
public sealed class PatrolStores
{
    public PatrolStores(ScopedConnections connections, TimeProvider time, TrackPartitions partitions, FieldCipher cipher)
    {
        Scope = connections.Scope;
        Time = time;
        Roster = new RosterImporter(connections, cipher);
        RosterQuery = new RosterStore(connections, cipher);
        Plans = new PlanStore(connections);
        Dispatcher = new PatrolDispatcher(connections);
        Tasks = new PatrolTaskStore(connections, cipher);
        Warnings = new WarningStore(connections, cipher);
        Tracks = new TrackStore(connections, time, partitions);
        Reports = new TrackReportQuery(connections, Tracks);
        Findings = new FindingStore(connections, Tracks, time);
        Statistics = new PatrolStatistics(connections);
    }

    public DataScope Scope { get; }
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
