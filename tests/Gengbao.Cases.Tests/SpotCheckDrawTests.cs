namespace Gengbao.Cases.Tests;

public sealed class SpotCheckDrawTests
{
    [Fact]
    public void The_draw_is_the_documented_hash_order_whatever_the_input_order()
    {
        var candidates = Enumerable.Range(1, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var drawn = SpotCheckDraw.Draw("2026-11-23/622921", candidates, 5);
        Assert.Equal(drawn, SpotCheckDraw.Draw("2026-11-23/622921", Enumerable.Reverse(candidates), 5));
        // Re-drawn by hand the way docs/cases.md tells anyone to: sort by SHA-256 hex of "seed|key".
        var byHand = candidates.OrderBy(k => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("2026-11-23/622921|" + k))), StringComparer.Ordinal).Take(5);
        Assert.Equal(byHand, drawn);
        Assert.NotEqual(drawn, SpotCheckDraw.Draw("another seed", candidates, 5));
        Assert.Equal(5, drawn.Distinct().Count());
    }

    [Fact]
    public void Fewer_candidates_than_asked_gives_all_and_pairs_round_robin()
    {
        Assert.Equal(2, SpotCheckDraw.Draw("s", ["a", "b"], 5).Count);
        var pairs = SpotCheckDraw.Pair(["1", "2", "3"], ["x", "y"]);
        Assert.Equal([("1", "x"), ("2", "y"), ("3", "x")], pairs);
        Assert.Throws<ArgumentException>(() => SpotCheckDraw.Pair(["1"], []));
    }
}
