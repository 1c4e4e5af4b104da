using System.Security.Cryptography;
using Gengbao.Geo.Codes;
using Gengbao.Patrol.Roster;
using Npgsql;
using NpgsqlTypes;

namespace Gengbao.Storage.Patrol;

/// <summary>The outcome of a roster import: the import id, rows written, earlier rows superseded, cells touched.</summary>
public sealed record RosterImportResult(long ImportId, int Rows, int Superseded, int Cells);

/// <summary>
/// Loads a validated roster in one transaction: the current rows of every cell the file names are superseded (kept as
/// history) and the file's rows inserted. Any problem (validation or database) leaves the roster exactly as it was.
/// </summary>
public sealed class RosterImporter(NpgsqlDataSource dataSource)
{
    /// <summary>Grid cells (admin units of level 2–6 in any loaded year): code → (level, county).</summary>
    public async Task<Dictionary<string, (AdminLevel Level, string County)>> KnownCellsAsync(CancellationToken cancellationToken = default)
    {
        var cells = new Dictionary<string, (AdminLevel, string)>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT DISTINCT ON (code) code, level, county_code FROM admin_unit WHERE level BETWEEN 2 AND 6 ORDER BY code, year DESC");
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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
        await using (var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false))
        {
            foreach (var e in entries)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(cells[e.CellCode].County, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(e.CellCode, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync((short)e.Level, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(e.Role == RosterRole.Manager ? "manager" : "assistant", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(e.Name, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(e.Phone, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(e.From, NpgsqlDbType.Date, cancellationToken).ConfigureAwait(false);
                if (e.To is { } to)
                {
                    await writer.WriteAsync(to, NpgsqlDbType.Date, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                await writer.WriteAsync(importId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(e.Row, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RosterImportResult(importId, entries.Count, superseded, cellCodes.Length);
    }

    private const string SupersedeSql = """
        UPDATE patrol_roster SET superseded_at = now(), superseded_by = $1
        WHERE superseded_at IS NULL AND cell_code = ANY($2)
        """;

    private const string CopySql = """
        COPY patrol_roster (county_code, cell_code, cell_level, role, person_name, phone, valid_from, valid_to, import_id, source_row)
        FROM STDIN (FORMAT BINARY)
        """;
}
