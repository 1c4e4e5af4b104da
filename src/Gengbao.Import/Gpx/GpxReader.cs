using System.Globalization;
using System.Xml;
using Gengbao.Patrol.Tracks;

namespace Gengbao.Import.Gpx;

/// <summary>
/// Reads the track points (<c>trk/trkseg/trkpt</c>, GPX 1.0 and 1.1) of a GPX file: lat/lon attributes, <c>ele</c>,
/// <c>time</c> and, when present, the horizontal accuracy from <c>hdop</c> × 5 m (a common phone-GPS rule of thumb,
/// labelled as an estimate in docs/patrol.md). Hardened for uploads: DTDs prohibited (no entity expansion), no
/// external resolver, element depth and document size limited. Malformed GPX raises
/// <see cref="SourceFileException"/> with the line and position; a point without a time is refused (replay needs it).
/// </summary>
public static class GpxReader
{
    public const int MaxDepth = 16;
    public const long MaxCharacters = 200_000_000;
    public const double MetresPerHdop = 5;

    public static IReadOnlyList<TrackPoint> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path));
    }

    public static IReadOnlyList<TrackPoint> Read(Stream stream, string name)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(stream, settings);
        var info = (IXmlLineInfo)reader;
        var points = new List<TrackPoint>();
        try
        {
            if (!reader.ReadToFollowing("gpx") || reader.Depth != 0)
            {
                throw Fail(name, info, "the root element is not <gpx>");
            }
            while (reader.Read())
            {
                if (reader.Depth > MaxDepth)
                {
                    throw Fail(name, info, $"elements nested deeper than {MaxDepth}");
                }
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "trkpt")
                {
                    points.Add(ReadPoint(reader, info, name));
                }
            }
        }
        catch (XmlException e)
        {
            throw new SourceFileException(name, null, $"malformed GPX at line {e.LineNumber}, position {e.LinePosition}: {e.Message}", e);
        }
        return points;
    }

    private static TrackPoint ReadPoint(XmlReader reader, IXmlLineInfo info, string name)
    {
        var (line, position) = (info.LineNumber, info.LinePosition);
        double Coordinate(string attribute) =>
            double.TryParse(reader.GetAttribute(attribute), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw Fail(name, line, position, $"<trkpt> has no valid {attribute} attribute");
        var lat = Coordinate("lat");
        var lon = Coordinate("lon");
        double? ele = null, hdop = null;
        DateTimeOffset? time = null;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }
                // ReadElementContentAsString and Skip both leave the reader on the node after the element.
                switch (reader.LocalName)
                {
                    case "ele":
                        ele = Number(reader.ReadElementContentAsString(), "ele");
                        break;
                    case "hdop":
                        hdop = Number(reader.ReadElementContentAsString(), "hdop");
                        break;
                    case "time":
                        var text = reader.ReadElementContentAsString();
                        time = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
                            : throw Fail(name, info, $"<time> '{text}' is not an ISO 8601 time");
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        double Number(string text, string element) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Fail(name, info, $"<{element}> '{text}' is not a number");
        if (time is null)
        {
            throw Fail(name, line, position, "<trkpt> has no <time>");
        }
        return new TrackPoint(lon, lat, hdop * MetresPerHdop, ele, time.Value);
    }

    private static SourceFileException Fail(string name, IXmlLineInfo info, string message) => Fail(name, info.LineNumber, info.LinePosition, message);

    private static SourceFileException Fail(string name, int line, int position, string message) =>
        new(name, null, $"malformed GPX at line {line}, position {position}: {message}");
}
