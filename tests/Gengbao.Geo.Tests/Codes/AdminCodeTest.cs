using Gengbao.Geo.Codes;

namespace Gengbao.Geo.Tests.Codes;

public class AdminCodeTest
{
    public static IEnumerable<object[]> Codes => CaseFile.Rows("admin_codes.csv");

    [Theory]
    [MemberData(nameof(Codes))]
    public void ReadsCode(string code, string wellFormed, string level, string county, string township, string village)
    {
        Assert.Equal(bool.Parse(wellFormed), AdminCode.IsWellFormed(code, out var problem));
        if (!bool.Parse(wellFormed))
        {
            Assert.Contains($"admin code '{code}'", problem, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => AdminCode.LevelOf(code));
            return;
        }
        Assert.Null(problem);
        Assert.Equal(Enum.Parse<AdminLevel>(level), AdminCode.LevelOf(code));
        Assert.Equal(county, AdminCode.CountyOf(code));
        CheckPart(township, () => AdminCode.TownshipOf(code));
        CheckPart(village, () => AdminCode.VillageOf(code));
    }

    [Theory]
    [InlineData("6229211002", "admin code '6229211002' has 10 digits; expected 6, 9, 12, 15 or 19")]
    [InlineData("62292A", "admin code '62292A' has 'A' at position 6; only digits are allowed")]
    [InlineData("", "admin code is empty")]
    [InlineData(null, "admin code is empty")]
    public void ProblemTextSaysWhatIsWrong(string? code, string expected)
    {
        Assert.False(AdminCode.IsWellFormed(code, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void LevelNumbersAreStable()
    {
        Assert.Equal(1, (int)AdminLevel.Province);
        Assert.Equal(5, (int)AdminLevel.Village);
        Assert.Equal(6, (int)AdminLevel.Group);
    }

    private static void CheckPart(string expected, Func<string> part)
    {
        if (expected.Length == 0)
        {
            Assert.Throws<ArgumentException>(part);
        }
        else
        {
            Assert.Equal(expected, part());
        }
    }
}
