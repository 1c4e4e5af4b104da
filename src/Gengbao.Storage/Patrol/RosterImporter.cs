using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using System.Security.Cryptography;
using Gengbao.Geo.Codes;
using Gengbao.Patrol.Roster;
using Gengbao.Security.Crypto;
using Npgsql;

namespace Gengbao.Storage.Patrol;

/// <summary>The outcome of a roster import: the import id, rows written, earlier rows superseded, cells touched.</summary>
public sealed record RosterImportResult(long ImportId, int Rows, int Superseded, int Cells);

/// <summary>
/// Loads a validated roster in one transaction: the current rows of every cell the file names are superseded (kept as
/// history) and the file's rows inserted, names and phones sealed (<see cref="RosterSealing"/>). Any problem
/// (validation or database) leaves the roster exactly as it was.
/// </summary>
public sealed class RosterImporter(IConnectionSource connections, FieldCipher cipher)
{
    /// <summary>Grid cells (admin units of level 2–6 in any loaded year): code → (level, county).</summary>
    public async Task<Dictionary<string, (AdminLevel Level, string County)>> KnownCellsAsync(CancellationToken cancellationToken = default)
    {
        var cells = new Dictionary<string, (AdminLevel, string)>(StringComparer.Ordinal);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT DISTINCT ON (code) code, level, county_code FROM admin_unit WHERE level BETWEEN 2 AND 6 ORDER BY code, year DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cells[reader.GetString(0)] = ((AdminLevel)reader.GetInt16(1), reader.GetString(2));
        }
        return cells;
    }

    /// <summary>Validates and writes; <see cref="PatrolException"/> (Invalid) lists every problem with file, row and column.</summary>
    public async Task<RosterImportResult> ImportAsync(RosterSheet sheet, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var cells = await KnownCellsAsync(cancellationToken).ConfigureAwait(false);
        var (entries, problems) = RosterValidator.Validate(sheet, cells.ToDictionary(c => c.Key, c => c.Value.Level, StringComparer.Ordinal));
        if (problems.Count > 0)
        {
            throw new PatrolException(PatrolError.Invalid, $"{sheet.FileName}: {problems.Count} problem(s); nothing was imported",
                problems.Select(p => p.ToString()).ToList());
        }
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long importId;
        await using (var command = new NpgsqlCommand("INSERT INTO patrol_roster_import (file_name, sha256, row_count) VALUES ($1, $2, $3) RETURNING id", connection, transaction))
        {
            command.Parameters.AddWithValue(sheet.FileName);
            command.Parameters.AddWithValue(Convert.ToHexString(SHA256.HashData(content)));
            command.Parameters.AddWithValue(entries.Count);
            importId = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        var cellCodes = entries.Select(e => e.CellCode).Distinct(StringComparer.Ordinal).ToArray();
        int superseded;
        await using (var command = new NpgsqlCommand(SupersedeSql, connection, transaction))
        {
            command.Parameters.AddWithValue(importId);
            command.Parameters.AddWithValue(cellCodes);
            superseded = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        // INSERT from arrays, not COPY: requests write as gengbao_web under row-level security, which COPY FROM refuses.
        await using (var insert = new NpgsqlCommand(InsertSql, connection, transaction))
        {
            insert.Parameters.AddWithValue(entries.Select(e => cells[e.CellCode].County).ToArray());
            insert.Parameters.AddWithValue(entries.Select(e => e.CellCode).ToArray());
            insert.Parameters.AddWithValue(entries.Select(e => (short)e.Level).ToArray());
            insert.Parameters.AddWithValue(entries.Select(e => e.Role == RosterRole.Manager ? "manager" : "assistant").ToArray());
            insert.Parameters.AddWithValue(entries.Select(e => cipher.Encrypt(e.Name, RosterSealing.NameContext)).ToArray());
            insert.Parameters.AddWithValue(entries.Select(e => cipher.Encrypt(e.Phone, RosterSealing.PhoneContext)).ToArray());
            insert.Parameters.AddWithValue(entries.Select(e => e.From).ToArray());
            insert.Parameters.AddWithValue(entries.Select(e => e.To).ToArray());
            insert.Parameters.AddWithValue(importId);
            insert.Parameters.AddWithValue(entries.Select(e => e.Row).ToArray());
            insert.Parameters.AddWithValue(entries.Select(e => RosterSealing.PhoneIndex(cipher, e.Phone)).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RosterImportResult(importId, entries.Count, superseded, cellCodes.Length);
    }

    private const string SupersedeSql = """
        UPDATE patrol_roster SET superseded_at = now(), superseded_by = $1
        WHERE superseded_at IS NULL AND cell_code = ANY($2)
        """;

    private const string InsertSql = """
        INSERT INTO patrol_roster (county_code, cell_code, cell_level, role, person_name_enc, phone_enc, phone_index, valid_from, valid_to, import_id, source_row)
        SELECT county, cell, level, role, name_enc, phone_enc, phone_index, valid_from, valid_to, $9, source_row
        FROM unnest($1::text[], $2::text[], $3::smallint[], $4::text[], $5::bytea[], $6::bytea[], $11::bytea[], $7::date[], $8::date[], $10::int[])
             AS r (county, cell, level, role, name_enc, phone_enc, phone_index, valid_from, valid_to, source_row)
        """;
}
