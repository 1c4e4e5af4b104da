using Gengbao.Storage.Security;
using System.Text;
using Gengbao.Import.Roster;
using Gengbao.Storage.Patrol;
using MiniExcelLibs;

namespace Gengbao.Storage.Tests.Patrol;

[Collection(PatrolCollection.Name)]
public sealed class RosterImportTests(PatrolDatabase db)
{
    private RosterImporter Importer => new(new OwnerConnections(db.DataSource));

    private static (RosterSheetBytes, string) Csv(string body) => (new RosterSheetBytes(Encoding.UTF8.GetBytes("行政区代码,行政区名称,网格层级,角色,姓名,手机号,任期开始,任期结束\n" + body)), "roster.csv");

    private sealed record RosterSheetBytes(byte[] Bytes);

    private async Task<RosterImportResult> ImportAsync((RosterSheetBytes Content, string Name) file) =>
        await Importer.ImportAsync(RosterFileReader.Read(new MemoryStream(file.Content.Bytes), file.Name), file.Content.Bytes);

    [Fact]
    public async Task A_new_roster_supersedes_the_cells_it_names_and_keeps_history()
    {
        await ImportAsync(Csv("622921101201,,村,田管员,马一,13700000001,2024-01-01,\n622921101202,,村,田管员,马二,13700000002,2024-01-01,\n"));
        var second = await ImportAsync(Csv("622921101201,,村,田管员,马三,13700000003,2025-03-01,\n"));
        Assert.Equal(1, second.Superseded);
        var store = new RosterStore(new OwnerConnections(db.DataSource));
        Assert.Equal(["马三"], (await store.ForCellAsync("622921101201", history: false)).Select(p => p.Name));
        var history = await store.ForCellAsync("622921101201", history: true);
        Assert.Equal(["马三", "马一"], history.Select(p => p.Name));
        Assert.NotNull(history[1].SupersededAt);
        Assert.Equal(["马二"], (await store.ForCellAsync("622921101202", history: false)).Select(p => p.Name));
    }

    [Fact]
    public async Task An_xlsx_roster_in_the_bureau_layout_is_read()
    {
        var rows = new[]
        {
            new Dictionary<string, object?> { ["行政区代码"] = "622921102000", ["行政区名称"] = "某乡", ["网格层级"] = "乡级", ["角色"] = "田管员",
                ["姓名"] = "乡长", ["手机号"] = 13600000001L, ["任期开始"] = new DateTime(2024, 1, 1), ["任期结束"] = null },
            new Dictionary<string, object?> { ["行政区代码"] = "622921102000", ["行政区名称"] = "某乡", ["网格层级"] = "乡级", ["角色"] = "协管员",
                ["姓名"] = "副乡长", ["手机号"] = "13600000002", ["任期开始"] = "2024-01-01", ["任期结束"] = "2026-12-31" },
        };
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(rows);
        var result = await Importer.ImportAsync(RosterFileReader.Read(new MemoryStream(xlsx.ToArray()), "花名册.xlsx"), xlsx.ToArray());
        Assert.Equal(2, result.Rows);
        var people = await new RosterStore(new OwnerConnections(db.DataSource)).ForCellAsync("622921102000", false);
        Assert.Equal(["乡长:13600000001:manager", "副乡长:13600000002:assistant"], people.Select(p => $"{p.Name}:{p.Phone}:{p.Role}").Order(StringComparer.Ordinal));
        Assert.Equal(new DateOnly(2026, 12, 31), people.Single(p => p.Role == "assistant").ValidTo);
    }

    [Fact]
    public async Task A_roster_with_an_unknown_admin_code_writes_nothing_and_names_row_and_column()
    {
        var rows = await db.CountAsync("SELECT count(*) FROM patrol_roster");
        var imports = await db.CountAsync("SELECT count(*) FROM patrol_roster_import");
        var e = await Assert.ThrowsAsync<PatrolException>(() => ImportAsync(Csv(
            "622921103201,,村,田管员,甲,13500000001,2024-01-01,\n622921999999,,村,田管员,乙,13500000002,2024-01-01,\n")));
        Assert.Equal(PatrolError.Invalid, e.Error);
        Assert.Equal(["roster.csv: row 3, column 行政区代码: unknown admin code '622921999999': no such grid cell among the loaded admin units (of your region)"], e.Problems);
        Assert.Equal(rows, await db.CountAsync("SELECT count(*) FROM patrol_roster"));
        Assert.Equal(imports, await db.CountAsync("SELECT count(*) FROM patrol_roster_import"));
    }

    [Fact]
    public async Task A_GB18030_csv_from_Excel_is_read()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030").GetBytes("行政区代码,角色,姓名,手机号,任期开始\n622921104201,田管员,韩四,13400000001,2024/5/1\n");
        var sheet = RosterFileReader.Read(new MemoryStream(gbk), "gbk.csv");
        Assert.Equal("韩四", sheet.Rows.Single().Cells["姓名"]);
        Assert.Equal(["行政区代码", "角色", "姓名", "手机号", "任期开始"], sheet.Headers);
    }
}
