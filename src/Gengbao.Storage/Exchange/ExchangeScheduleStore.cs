using Gengbao.Exchange.Catalog;
using Gengbao.Exchange.Schedule;
using Gengbao.Storage.Security;
using Npgsql;

namespace Gengbao.Storage.Exchange;

/// <summary>A year's schedule and evaluation as read from the database: entries, overdue warnings and one evaluation per department.</summary>
public sealed record ExchangeYear(int Year, DateOnly Today, IReadOnlyList<ScheduleEntry> Schedule, IReadOnlyList<DepartmentEvaluation> Evaluations)
{
    public IEnumerable<ScheduleEntry> Overdue => Schedule.Where(e => e.Status == ScheduleStatus.Overdue);
}

/// <summary>
/// Reads what <see cref="ExchangeSchedule"/> and <see cref="DepartmentEvaluation"/> need: the catalog, the regions
/// (counties of the one map, of recorded annual updates and of deliveries), the annual update dates, the accepted
/// deliveries and the counts per department. Over <see cref="ScopedConnections"/> only the caller's region (RLS).
/// </summary>
public sealed class ExchangeScheduleStore(IConnectionSource connections)
{
    private const string RegionsSql = """
        SELECT county_code FROM admin_unit WHERE level = 3 AND length(county_code) = 6
        UNION SELECT county_code FROM exchange_annual_update
        UNION SELECT county_code FROM exchange_delivery WHERE length(county_code) = 6
        """;

    private const string CountsSql = """
        SELECT c.owner, count(*) FILTER (WHERE d.status = 'accepted'), count(*) FILTER (WHERE d.status = 'refused'),
               count(*) FILTER (WHERE d.status = 'accepted' AND (cardinality(d.layer_versions) > 0 OR d.downloads > 0))
        FROM exchange_delivery d JOIN exchange_catalog_item c ON c.id = d.catalog_item
        WHERE d.year = $1 GROUP BY c.owner
        """;

    public async Task<ExchangeYear> LoadAsync(int year, DateOnly today, CancellationToken cancellationToken = default)
    {
        var items = await new ExchangeCatalog(connections).ListAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var regions = new List<string>();
        await using (var command = new NpgsqlCommand(RegionsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                regions.Add(reader.GetString(0));
            }
        }
        var updates = new Dictionary<string, DateOnly>();
        await using (var command = new NpgsqlCommand("SELECT county_code, in_use_on FROM exchange_annual_update WHERE year = $1", connection))
        {
            command.Parameters.AddWithValue(year);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                updates[reader.GetString(0)] = reader.GetFieldValue<DateOnly>(1);
            }
        }
        var accepted = new List<AcceptedDelivery>();
        await using (var command = new NpgsqlCommand(
            "SELECT id, catalog_item, county_code, year, period, received_at FROM exchange_delivery WHERE status = 'accepted' AND year = $1", connection))
        {
            command.Parameters.AddWithValue(year);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                accepted.Add(new AcceptedDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }
        var counts = new Dictionary<string, (int Accepted, int Refused, int Used)>();
        await using (var command = new NpgsqlCommand(CountsSql, connection))
        {
            command.Parameters.AddWithValue(year);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[reader.GetString(0)] = ((int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3));
            }
        }
        var schedule = ExchangeSchedule.Build(items, regions, year, updates, accepted, today);
        var evaluations = new[] { Departments.NaturalResources, Departments.Agriculture }.Select(department =>
        {
            var (a, r, u) = counts.GetValueOrDefault(department);
            return DepartmentEvaluation.Of(department, year, schedule, a, r, u);
        }).ToList();
        return new ExchangeYear(year, today, schedule, evaluations);
    }

    /// <summary>Records (or corrects) the day a region's annual update of <paramref name="year"/> was put into use.</summary>
    public async Task RecordAnnualUpdateAsync(string county, int year, DateOnly inUseOn, string recordedBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO exchange_annual_update (county_code, year, in_use_on, recorded_by) VALUES ($1, $2, $3, $4)
            ON CONFLICT (county_code, year) DO UPDATE SET in_use_on = excluded.in_use_on, recorded_by = excluded.recorded_by, recorded_at = now()
            """, connection);
        command.Parameters.AddWithValue(county);
        command.Parameters.AddWithValue(year);
        command.Parameters.AddWithValue(inUseOn);
        command.Parameters.AddWithValue(recordedBy);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
