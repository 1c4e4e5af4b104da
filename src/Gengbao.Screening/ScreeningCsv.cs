using System.Globalization;
using Gengbao.Geo.Area;

namespace Gengbao.Screening;

/// <summary>
/// The screening table as CSV (RFC 4180, UTF-8 without BOM, LF): the six columns of the PostGIS reference
/// (<c>jcbh,gd_mj,yjjbnt_mj,gbznt_mj,pzyd_mj,class</c>, areas in m² to 0.01) followed by the patch area <c>tb_mj</c>,
/// the unapproved cultivated area <c>wpgd_mj</c>, <c>tags</c> (NonAgricultural, NonGrain; ';'-separated), the
/// approval numbers <c>pzwh</c> (';'-separated, largest coverage first) and the <c>reason</c>.
/// </summary>
public static class ScreeningCsv
{
    /// <summary>The header line, without line end.</summary>
    public const string Header = "jcbh,gd_mj,yjjbnt_mj,gbznt_mj,pzyd_mj,class,tb_mj,wpgd_mj,tags,pzwh,reason";

    /// <summary>Writes the header and one line per result, in the given order.</summary>
    public static void Write(TextWriter writer, IEnumerable<PatchScreening> results)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        writer.Write(Header);
        writer.Write('\n');
        foreach (var r in results)
        {
            WriteRow(writer, r);
        }
    }

    /// <summary>Writes one result's line, line end included.</summary>
    public static void WriteRow(TextWriter writer, PatchScreening r)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(r);
        writer.Write(Field(r.MonitoringNumber));
        foreach (var area in (ReadOnlySpan<double>)[r.CultivatedArea, r.PermanentBasicFarmlandArea, r.HighStandardFarmlandArea, r.ApprovedArea])
        {
            writer.Write(',');
            writer.Write(Area(area));
        }
        writer.Write(',');
        writer.Write(r.Class.ToString().ToLowerInvariant());
        writer.Write(',');
        writer.Write(Area(r.PatchArea));
        writer.Write(',');
        writer.Write(Area(r.UnapprovedCultivatedArea));
        writer.Write(',');
        writer.Write(Tags(r.Tags));
        writer.Write(',');
        writer.Write(Field(string.Join(';', r.Approvals.Select(a => a.Number))));
        writer.Write(',');
        writer.Write(Field(r.Reason));
        writer.Write('\n');
    }

    private static string Area(double value) => EllipsoidalArea.Round(value).ToString("F2", CultureInfo.InvariantCulture);

    private static string Tags(ScreeningTags tags) => tags switch
    {
        ScreeningTags.None => "",
        ScreeningTags.NonAgricultural | ScreeningTags.NonGrain => "NonAgricultural;NonGrain",
        _ => tags.ToString(),
    };

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
