using System.Globalization;
using System.Text;
using System.Xml;
using Gengbao.Patrol.Tracks;

namespace Gengbao.Import.Gpx;

/// <summary>Writes a track as GPX 1.1 (one trk, one trkseg, UTC times); accuracy is not part of GPX and is left out.</summary>
public static class GpxWriter
{
    /// <summary>Writes UTF-8 GPX (declared as such) to the stream.</summary>
    public static void Write(Stream output, string trackName, IEnumerable<TrackPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        var inv = CultureInfo.InvariantCulture;
        const string ns = "http://www.topografix.com/GPX/1/1";
        writer.WriteStartDocument();
        writer.WriteStartElement("gpx", ns);
        writer.WriteAttributeString("version", "1.1");
        writer.WriteAttributeString("creator", "Gengbao");
        writer.WriteStartElement("trk", ns);
        writer.WriteElementString("name", ns, trackName);
        writer.WriteStartElement("trkseg", ns);
        foreach (var p in points)
        {
            writer.WriteStartElement("trkpt", ns);
            writer.WriteAttributeString("lat", p.Lat.ToString("R", inv));
            writer.WriteAttributeString("lon", p.Lon.ToString("R", inv));
            if (p.Altitude is { } ele)
            {
                writer.WriteElementString("ele", ns, ele.ToString("R", inv));
            }
            writer.WriteElementString("time", ns, p.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", inv));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    public static byte[] ToBytes(string trackName, IEnumerable<TrackPoint> points)
    {
        using var buffer = new MemoryStream();
        Write(buffer, trackName, points);
        return buffer.ToArray();
    }
}
