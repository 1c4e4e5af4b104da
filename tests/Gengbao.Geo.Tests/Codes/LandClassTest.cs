using Gengbao.Geo.Codes;

namespace Gengbao.Geo.Tests.Codes;

public class LandClassTest
{
    public static IEnumerable<object[]> LandClasses => CaseFile.Rows("land_classes.csv");

    public static IEnumerable<object[]> Changes => CaseFile.Rows("land_changes.csv");

    [Theory]
    [MemberData(nameof(LandClasses))]
    public void ClassifiesCode(string dlbm, string valid, string cultivated, string group, string name)
    {
        Assert.Equal(bool.Parse(valid), LandClass.IsValid(dlbm));
        Assert.Equal(bool.Parse(cultivated), LandClass.IsCultivated(dlbm));
        Assert.Equal(Enum.Parse<LandUseGroup>(group), LandClass.GroupOf(dlbm));
        Assert.Equal(name.Length == 0 ? null : name, LandClass.NameOf(dlbm));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void ClassifiesChange(string before, string after, string kind, string why) =>
        Assert.True(Enum.Parse<ChangeKind>(kind) == LandClass.ClassifyChange(before, after), why);

    [Fact]
    public void ClassificationHasEveryWorkingCode()
    {
        // 3 cultivated, 4+4 garden, 4+3 forest, 3+1 grassland, 8 wetland, 2 commercial, 2 industrial, 2 residential,
        // 5 public, 1 special, 9 transport, 9 water + 1109, 7 other (domain.md §1.2 with the H, A and K codes).
        Assert.Equal(68, LandClass.All.Count);
        Assert.All(LandClass.All, code => Assert.NotNull(LandClass.NameOf(code)));
    }

    [Fact]
    public void ConstructionIncludesTransportButNotRuralRoads()
    {
        Assert.True(LandClass.IsConstruction("1003"));
        Assert.True(LandClass.IsConstruction("0702"));
        Assert.False(LandClass.IsConstruction("1006"));
        Assert.False(LandClass.IsConstruction("1202"));
    }

    [Fact]
    public void UnknownCodeInChangeThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => LandClass.ClassifyChange("0101", "0501"));
        Assert.Contains("'0501'", error.Message, StringComparison.Ordinal);
    }
}
