using static Gengbao.Screening.Tests.ScreeningTestCase;

namespace Gengbao.Screening.Tests;

/// <summary>The CSV starts with the reference's six columns and quotes what needs quoting.</summary>
public sealed class ScreeningCsvTest
{
    [Fact]
    public void ReferenceColumnsComeFirstAndTextIsQuoted()
    {
        var engine = new ScreeningEngine(Zone);
        var result = engine.Screen(Patch("POLYGON((0 0,100 0,100 100,0 100,0 0))", number: "6229212024000001"), new ScreeningLayers(
            [new LandPatch(1, "0103", Read("POLYGON((-50 -50,150 -50,150 150,-50 150,-50 -50))"))], [], [],
            [new Approval(2, "临夏政土批〔2015〕105号", "NZY", Read("POLYGON((50 -10,110 -10,110 110,50 110,50 -10))"))]));
        using var text = new StringWriter();

        ScreeningCsv.Write(text, [result]);

        var lines = text.ToString().Split('\n');
        Assert.Equal("jcbh,gd_mj,yjjbnt_mj,gbznt_mj,pzyd_mj,class", string.Join(',', lines[0].Split(',')[..6]));
        Assert.Equal(ScreeningCsv.Header, lines[0]);
        Assert.StartsWith("6229212024000001,9997.53,0.00,0.00,4998.7", lines[1]);
        Assert.Contains(",yellow,9997.53,4998.7", lines[1]);
        Assert.Contains(",NonAgricultural,临夏政土批〔2015〕105号,\"未批占用耕地 ", lines[1]);
        Assert.EndsWith("covers 50.0%\"", lines[1]);
        Assert.Equal("", lines[2]);
    }
}
