using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Cases;

/// <summary>Where a case is: county, finest unit (village, else township, else the county's 12-digit code), township.</summary>
public sealed record CasePlace(string CountyCode, string UnitCode, string? TownCode)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The units of the newest loaded year containing the geometry's interior point; null outside all of them.</summary>
    public static async Task<CasePlace?> LocateAsync(NpgsqlConnection connection, Geometry geometry, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CaseSql.Locate, connection);
        command.Parameters.AddWithValue(geometry);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var county = reader.GetString(0);
        var village = reader.IsDBNull(1) ? null : reader.GetString(1);
        var town = reader.IsDBNull(2) ? null : reader.GetString(2);
        return new CasePlace(county, village ?? town ?? county + "000000", town);
    }

    /// <summary>
    /// The grid cell responsible for a check at the place (docs/cases.md): the village group containing it when that
    /// group has a manager on the roster, else the village (then township, county), with its manager if any.
    /// </summary>
    public static async Task<ResponsibleCell> ResponsibleCellAsync(NpgsqlConnection connection, CasePlace place, Geometry geometry,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);
        await using (var group = new NpgsqlCommand(CaseSql.GroupCell, connection))
        {
            group.Parameters.AddWithValue(place.CountyCode);
            group.Parameters.AddWithValue(geometry);
            group.Parameters.AddWithValue(day);
            await using var reader = await group.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(1))
            {
                return new ResponsibleCell(reader.GetString(0), "group", reader.GetInt64(1));
            }
        }
        var basis = place.UnitCode.EndsWith("000000", StringComparison.Ordinal) ? "county"
            : place.UnitCode.EndsWith("000", StringComparison.Ordinal) ? "township" : "village";
        await using var manager = new NpgsqlCommand(CaseSql.CellManager, connection);
        manager.Parameters.AddWithValue(place.CountyCode);
        manager.Parameters.AddWithValue(place.UnitCode);
        manager.Parameters.AddWithValue(day);
        var id = await manager.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return new ResponsibleCell(place.UnitCode, basis, id is long l ? l : null);
    }
}

/// <summary>The cell a task goes to, why (group, village, township, county) and the roster row of its manager.</summary>
public sealed record ResponsibleCell(string CellCode, string Basis, long? AssigneeId);
