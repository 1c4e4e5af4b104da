using Gengbao.Ledger.Assessment;
using Gengbao.Storage.Database;
using Gengbao.Storage.Security;
using MiniExcelLibs;
using Npgsql;

namespace Gengbao.Storage.Ledger;

/// <summary>
/// Protection targets (<c>protection_target</c>): read from CSV or .xlsx (every sheet) with <see cref="TargetTable"/>
/// and stored in one transaction, all or nothing; a unit and year already stored is replaced. Over scoped connections
/// a target outside the caller's region is refused by RLS (the whole file fails).
/// </summary>
public sealed class ProtectionTargetStore(IConnectionSource connections)
{
    /// <summary>As the owner: CLI.</summary>
    public ProtectionTargetStore(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    /// <summary>Parses a file's content (name decides CSV or xlsx) into targets; <see cref="TargetTableException"/> on any problem.</summary>
    public static IReadOnlyList<ProtectionTarget> Parse(string fileName, Stream content)
    {
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            var targets = new List<ProtectionTarget>();
            List<string> sheets;
            try
            {
                buffer.Position = 0;
                sheets = MiniExcel.GetSheetNames(buffer);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException)
            {
                throw new TargetTableException([$"{fileName}: not a readable .xlsx workbook ({e.Message})"]);
            }
            foreach (var sheet in sheets)
            {
                buffer.Position = 0;
                var rows = MiniExcel.Query(buffer, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX)
                    .Cast<IDictionary<string, object?>>()
                    .Select(r => (IReadOnlyList<string?>)[.. r.Values.Select(v => v is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : v?.ToString())])
                    .ToList();
                targets.AddRange(TargetTable.Parse(fileName, sheet, rows));
            }
            return targets;
        }
        using var reader = new StreamReader(content, System.Text.Encoding.UTF8);
        var lines = new List<IReadOnlyList<string?>>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line.Split(','));
        }
        return TargetTable.Parse(fileName, null, lines);
    }

    /// <summary>Stores the targets in one transaction; returns how many rows were written.</summary>
    public async Task<int> SaveAsync(IReadOnlyList<ProtectionTarget> targets, string source, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var t in targets)
        {
            await using var command = connection.Command("""
                INSERT INTO protection_target (county_code, unit_code, year, cultivated_target_m2, pbf_target_m2, source)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (county_code, unit_code, year) DO UPDATE SET cultivated_target_m2 = excluded.cultivated_target_m2,
                    pbf_target_m2 = excluded.pbf_target_m2, source = excluded.source, imported_at = now(), imported_by = current_user
                """);
            command.Transaction = transaction;
            command.Parameters.AddWithValue(CountyKey(t.UnitCode));
            command.Parameters.AddWithValue(t.UnitCode);
            command.Parameters.AddWithValue(t.Year);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Numeric, (object?)t.CultivatedTarget ?? DBNull.Value);
            command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Numeric, (object?)t.PbfTarget ?? DBNull.Value);
            command.Parameters.AddWithValue(source);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return targets.Count;
    }

    /// <summary>The row's county_code: the code cut to the county, or to the prefecture/province for their own rows (migration 0007).</summary>
    public static string CountyKey(string unitCode) => unitCode[2..].All(c => c == '0') ? unitCode[..2]
        : unitCode[4..].All(c => c == '0') ? unitCode[..4] : unitCode[..6];
}
