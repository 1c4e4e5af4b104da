using System.Globalization;
using Gengbao.Patrol.Findings;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace Gengbao.Import.Photos;

/// <summary>
/// Reads where and when a photo was taken from its EXIF (MetadataExtractor): GPS latitude/longitude, and
/// DateTimeOriginal with OffsetTimeOriginal when the camera wrote it, else read as China time (phones sold in China
/// write local time without an offset). Unreadable or EXIF-less images give an evidence of nulls, never an error:
/// the photo is kept and flagged.
/// </summary>
public static class ExifReader
{
    public static PhotoEvidence Read(Stream image)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(image);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException)
        {
            return new PhotoEvidence(null, null, null);
        }
        double? lon = null, lat = null;
        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        if (gps?.GetGeoLocation() is { IsZero: false } location)
        {
            lon = location.Longitude;
            lat = location.Latitude;
        }
        DateTimeOffset? taken = null;
        var sub = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        if (sub is not null && sub.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var local))
        {
            var offset = TimeSpan.FromHours(8);
            if (sub.GetString(ExifDirectoryBase.TagTimeZoneOriginal) is { } text
                && TimeSpan.TryParse(text.TrimStart('+'), CultureInfo.InvariantCulture, out var parsed))
            {
                offset = parsed;
            }
            taken = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
        }
        return new PhotoEvidence(lon, lat, taken);
    }
}
