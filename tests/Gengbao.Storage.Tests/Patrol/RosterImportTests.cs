using Gengbao.TestSupport;
using Gengbao.Security.Crypto;
using Gengbao.Storage.Security;
using System.Text;
using Gengbao.Import.Roster;
using Gengbao.Storage.Patrol;
using MiniExcelLibs;

namespace Gengbao.Storage.Tests.Patrol;

[Collection(PatrolCollection.Name)]
public sealed class RosterImportTests(PatrolDatabase db)
{
    private static FieldCipher Cipher => TestFieldKey.Cipher;

    private RosterImporter Importer => new(new OwnerConnections(db.DataSource), Cipher);

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
        var store = new RosterStore(new OwnerConnections(db.DataSource), Cipher);
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
        var people = await new RosterStore(new OwnerConnections(db.DataSource), Cipher).ForCellAsync("622921102000", false);
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

    [Fact]
    public async Task Names_and_phones_are_sealed_at_rest_and_found_by_the_phone_blind_index()
    {
        await ImportAsync(Csv("622921103202,,村,田管员,韩梅梅,13912345678,2024-01-01,\n"));
        await using (var command = db.DataSource.CreateCommand("""
            SELECT person_name, phone, person_name_enc, phone_enc, phone_index FROM patrol_roster
            WHERE cell_code = '622921103202' AND superseded_at IS NULL
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.True(reader.IsDBNull(0));
            Assert.True(reader.IsDBNull(1));
            var nameEnc = reader.GetFieldValue<byte[]>(2);
            var phoneEnc = reader.GetFieldValue<byte[]>(3);
            // Neither the UTF-8 name nor the ASCII phone appears anywhere in what the database holds.
            Assert.Equal(-1, nameEnc.AsSpan().IndexOf(Encoding.UTF8.GetBytes("韩梅梅")));
            Assert.Equal(-1, phoneEnc.AsSpan().IndexOf("13912345678"u8));
            Assert.Equal("韩梅梅", Cipher.Decrypt(nameEnc, RosterSealing.NameContext));
            Assert.Equal(RosterSealing.PhoneIndex(Cipher, "13912345678"), reader.GetFieldValue<byte[]>(4));
        }
        // A plaintext row is refused by the table itself, whoever writes it.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(async () => await db.DataSource.CreateCommand("""
            INSERT INTO patrol_roster (county_code, cell_code, cell_level, role, person_name, phone, valid_from, import_id, source_row)
            SELECT '622921', '622921103203', 5, 'manager', '李雷', '13900000000', '2024-01-01', max(id), 2 FROM patrol_roster_import
            """).ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Rows_written_before_sealing_are_sealed_once_at_start()
    {
        // Stand in for a roster written before migration 0014: plaintext rows under the constraint not yet validated.
        await db.DataSource.CreateCommand("ALTER TABLE patrol_roster DROP CONSTRAINT patrol_roster_sealed").ExecuteNonQueryAsync();
        await db.DataSource.CreateCommand("""
            INSERT INTO patrol_roster (county_code, cell_code, cell_level, role, person_name, phone, valid_from, import_id, source_row)
            SELECT '622921', '622921103204', 5, 'manager', '老张', '13811112222', '2024-01-01', max(id), 2 FROM patrol_roster_import;
            ALTER TABLE patrol_roster ADD CONSTRAINT patrol_roster_sealed
                CHECK (person_name IS NULL AND phone IS NULL AND person_name_enc IS NOT NULL AND phone_enc IS NOT NULL AND phone_index IS NOT NULL) NOT VALID;
            """).ExecuteNonQueryAsync();
        Assert.Equal(1, await RosterSealing.SealPlaintextRowsAsync(db.DataSource, Cipher));
        Assert.Equal(0, await RosterSealing.SealPlaintextRowsAsync(db.DataSource, Cipher));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM patrol_roster WHERE person_name IS NOT NULL OR phone IS NOT NULL"));
        Assert.Equal(1, await db.CountAsync("SELECT count(*) FROM pg_constraint WHERE conname = 'patrol_roster_sealed' AND convalidated"));
        var person = Assert.Single(await new RosterStore(new OwnerConnections(db.DataSource), Cipher).ForCellAsync("622921103204", false));
        Assert.Equal(("老张", "13811112222"), (person.Name, person.Phone));
    }
}
