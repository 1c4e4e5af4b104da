using System.Text;
using Gengbao.Import.Gpx;
using Gengbao.Patrol.Tracks;

namespace Gengbao.Import.Tests.Gpx;

public class GpxReaderTests
{
    private static IReadOnlyList<TrackPoint> Read(string xml) => GpxReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "t.gpx");

    private const string Good = """
        <?xml version="1.0" encoding="UTF-8"?>
        <gpx version="1.1" creator="phone" xmlns="http://www.topografix.com/GPX/1/1">
          <trk><name>巡田</name><trkseg>
            <trkpt lat="35.5" lon="103.2"><ele>2001.5</ele><time>2026-06-10T01:00:00Z</time><hdop>2</hdop></trkpt>
            <trkpt lat="35.5001" lon="103.2002"><time>2026-06-10T09:00:10+08:00</time></trkpt>
          </trkseg></trk>
        </gpx>
        """;

    [Fact]
    public void Reads_track_points_with_elevation_time_and_hdop_accuracy()
    {
        var points = Read(Good);
        Assert.Equal(
        [
            new TrackPoint(103.2, 35.5, 10, 2001.5, new DateTimeOffset(2026, 6, 10, 1, 0, 0, TimeSpan.Zero)),
            new TrackPoint(103.2002, 35.5001, null, null, new DateTimeOffset(2026, 6, 10, 1, 0, 10, TimeSpan.Zero)),
        ], points);
    }

    [Fact]
    public void Writing_and_reading_back_gives_the_same_points()
    {
        var points = Read(Good).Select(p => p with { Accuracy = null }).ToList();
        Assert.Equal(points, GpxReader.Read(new MemoryStream(GpxWriter.ToBytes("task 1", points)), "t.gpx"));
    }

    [Theory]
    [InlineData("<gpx><trk><trkseg><trkpt lat=\"35\" lon=\"103\"><time>2026-06-10T01:00:00Z</time></trkpt></trkseg>", "line 1, position")]
    [InlineData("<gpx><trk><trkseg>\n<trkpt lat=\"abc\" lon=\"103\"><time>2026-06-10T01:00:00Z</time></trkpt></trkseg></trk></gpx>", "line 2, position 2: <trkpt> has no valid lat")]
    [InlineData("<gpx><trk><trkseg>\n\n<trkpt lat=\"35\" lon=\"103\"></trkpt></trkseg></trk></gpx>", "line 3, position 2: <trkpt> has no <time>")]
    [InlineData("<kml></kml>", "the root element is not <gpx>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY a \"aaaa\">]><gpx>&a;</gpx>", "DTD")]
    public void Malformed_GPX_is_refused_with_line_and_position(string xml, string message)
    {
        var e = Assert.Throws<SourceFileException>(() => Read(xml));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("t.gpx: malformed GPX at line", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var deep = "<gpx>" + string.Concat(Enumerable.Repeat("<extensions>", 40)) + string.Concat(Enumerable.Repeat("</extensions>", 40)) + "</gpx>";
        Assert.Contains("nested deeper", Assert.Throws<SourceFileException>(() => Read(deep)).Message, StringComparison.Ordinal);
    }
}
