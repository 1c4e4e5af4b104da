using System.Text;
using Gengbao.Security.Audit;

namespace Gengbao.Security.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc);

    private static List<(AuditEntry Entry, string PrevHash, string Hash)> Chain(int n)
    {
        var rows = new List<(AuditEntry, string, string)>();
        var prev = AuditChain.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var entry = new AuditEntry(i, T0.AddSeconds(i), "admin", "system_admin", "127.0.0.1", "POST /api/admin/users", $"user{i}", "{\"status\": 201}");
            var hash = AuditChain.Hash(entry, prev);
            rows.Add((entry, prev, hash));
            prev = hash;
        }
        return rows;
    }

    [Fact]
    public void CanonicalFormIsLengthPrefixedInTheDocumentedOrder()
    {
        var entry = new AuditEntry(1, T0, "张三", "leader", "::1", "GET /x", "t", "{}");
        Assert.Equal("1:1\n27:2026-11-23T06:00:00.000000Z\n6:张三\n6:leader\n3:::1\n6:GET /x\n1:t\n2:{}\n64:" + AuditChain.Genesis + "\n",
            Encoding.UTF8.GetString(AuditChain.Canonical(entry, AuditChain.Genesis)));
        Assert.Equal(64, AuditChain.Hash(entry, AuditChain.Genesis).Length);
    }

    [Fact]
    public void WholeChainVerifies() => Assert.Null(AuditChain.Verify(Chain(5)));

    [Fact]
    public void EditedEntryIsNamed()
    {
        var rows = Chain(5);
        rows[2] = (rows[2].Entry with { Target = "someone else" }, rows[2].PrevHash, rows[2].Hash);
        Assert.Equal(3, AuditChain.Verify(rows)!.Seq);
    }

    [Fact]
    public void DeletedEntryIsNamed()
    {
        var rows = Chain(5);
        rows.RemoveAt(3);
        var broken = AuditChain.Verify(rows)!;
        Assert.Equal(4, broken.Seq);
        Assert.Contains("missing", broken.Reason);
    }

    [Fact]
    public void RehashedEditIsCaughtAtTheNextEntry()
    {
        var rows = Chain(5);
        var edited = rows[1].Entry with { Actor = "mallory" };
        rows[1] = (edited, rows[1].PrevHash, AuditChain.Hash(edited, rows[1].PrevHash));
        Assert.Equal(3, AuditChain.Verify(rows)!.Seq);
    }
}
