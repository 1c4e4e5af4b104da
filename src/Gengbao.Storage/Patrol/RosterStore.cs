using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using Gengbao.Security.Crypto;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>A roster row as the API shows it; <see cref="SupersededAt"/> is set on history rows.</summary>
public sealed record RosterPerson(long Id, string CountyCode, string CellCode, int Level, string Role, string Name, string Phone,
    DateOnly ValidFrom, DateOnly? ValidTo, DateTimeOffset? SupersededAt);

/// <summary>Reads the roster (names and phones unsealed here): current rows of a cell, or its whole history.</summary>
public sealed class RosterStore(IConnectionSource connections, FieldCipher cipher)
{
    public async Task<IReadOnlyList<RosterPerson>> ForCellAsync(string cellCode, bool history, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT id, county_code, cell_code, cell_level, role, person_name_enc, phone_enc, valid_from, valid_to, superseded_at
            FROM patrol_roster WHERE cell_code = $1 {(history ? "" : "AND superseded_at IS NULL")}
            ORDER BY superseded_at DESC NULLS FIRST, role DESC, valid_from
            """);
        command.Parameters.AddWithValue(cellCode);
        var list = new List<RosterPerson>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new RosterPerson(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt16(3), reader.GetString(4),
                RosterSealing.OpenName(cipher, reader, 5) ?? "", RosterSealing.OpenPhone(cipher, reader, 6) ?? "", reader.GetFieldValue<DateOnly>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return list;
    }
}
