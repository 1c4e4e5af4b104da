using Gengbao.Ledger.Reports;
using MiniExcelLibs;
using Npgsql;
using Gengbao.Storage.Security;

namespace Gengbao.Storage.Ledger;

/// <summary>
/// Makes the statistical report of a unit and period (<see cref="LedgerReport"/>) from the stored data, and writes it as
/// an .xlsx workbook (one sheet per table, MiniExcel) or the printable HTML page (<see cref="LedgerHtml"/>).
/// A quarterly report has the ledger of the latest survey year (surveys are annual) and the quarter's patrol completion.
/// </summary>
public sealed class LedgerReportBuilder(IConnectionSource connections)
{
    /// <summary>As the owner: CLI.</summary>
    public LedgerReportBuilder(NpgsqlDataSource dataSource) : this(new OwnerConnections(dataSource))
    {
    }

    /// <summary>The report; <paramref name="quarter"/> 1–4 or null for the year.</summary>
    public async Task<LedgerReport> BuildAsync(string unitCode, int year, int? quarter, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (quarter is < 1 or > 4)
        {
            throw new ArgumentException($"quarter {quarter}: use 1, 2, 3 or 4");
        }
        var ledger = await new LedgerQuery(connections).RunAsync(unitCode, year, withChildren: true, cancellationToken).ConfigureAwait(false);
        var from = quarter is { } q ? new DateTimeOffset(year, 3 * q - 2, 1, 0, 0, 0, TimeSpan.Zero) : new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = quarter is not null ? from.AddMonths(3) : from.AddYears(1);
        IReadOnlyList<Gengbao.Ledger.Accounts.UnitLedger> assessed = ledger.Children.Count > 0 ? ledger.Children : [ledger.Unit];
        var scores = await new AssessmentQuery(connections).RunAsync(ledger.Unit.UnitCode, assessed, year, from, to, cancellationToken).ConfigureAwait(false);
        var period = quarter is { } k ? $"{year}年第{k}季度" : $"{year}年";
        return new LedgerReport(ledger.Unit, period, [ledger.Unit, .. ledger.Children], scores, now);
    }

    /// <summary>Writes the workbook: a 说明 sheet (title, period, units) then one sheet per table, header on row 1.</summary>
    public static void WriteWorkbook(LedgerReport report, Stream output)
    {
        var sheets = new Dictionary<string, object>
        {
            ["说明"] = new List<Dictionary<string, object?>>
            {
                new() { ["项目"] = "报表", ["内容"] = report.Title },
                new() { ["项目"] = "单位", ["内容"] = $"{report.Unit.UnitName}({report.Unit.UnitCode})" },
                new() { ["项目"] = "期间", ["内容"] = report.Period },
                new() { ["项目"] = "面积单位", ["内容"] = "平方米两位小数;亩 = 平方米 × 3/2000,两位小数;万亩四位小数" },
                new() { ["项目"] = "生成时间", ["内容"] = report.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) },
            },
        };
        foreach (var sheet in report.Sheets())
        {
            sheets[sheet.Name] = sheet.Rows.Select(row =>
            {
                var d = new Dictionary<string, object?>();
                for (var i = 0; i < sheet.Headers.Count; i++)
                {
                    d[sheet.Headers[i]] = i < row.Count ? row[i] : null;
                }
                return d;
            }).ToList();
        }
        output.SaveAs(sheets, excelType: ExcelType.XLSX);
    }
}
