using System.Buffers.Binary;
using System.Text;
using Gengbao.Geo.Crs;
using Gengbao.Import.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using NetTopologySuite.IO.Esri.Shp;
using NetTopologySuite.IO.Esri.Shp.Readers;

namespace Gengbao.Import.Shapefile;

/// <summary>
/// One shapefile (.shp + .shx + .dbf, optional .cpg and .prj). Geometry comes from NetTopologySuite.IO.Esri's SHP
/// reader; the .dbf is read here, because the library can neither be told the code page of files without a .cpg
/// nor hand back the text of a numeric cell that does not parse.
/// </summary>
/// <remarks>
/// Feature ids are shapefile record numbers (1-based). Records flagged deleted in the .dbf are skipped, as GDAL
/// does. Null shapes give a null geometry. Polygons are built from ring orientation (clockwise shells,
/// counter-clockwise holes) and always come back as <see cref="MultiPolygon"/>; a ring set that does not make a
/// valid polygon is kept as read for validation to report, not repaired and not dropped.
/// </remarks>
public sealed class ShapefileLayer : SourceLayer
{
    private string _shpPath = "";
    private string _dbfPath = "";
    private DbfHeader _header = null!;
    private IReadOnlyList<DbfColumn> _columns = [];
    private TemporaryFolder? _folder;
    private int _disposed;

    /// <summary>The .shp actually read: for a zip, the extracted copy in a temporary folder that goes away on dispose.</summary>
    public string ShpFile => _shpPath;

    /// <summary>The encoding the .dbf text is decoded with.</summary>
    public required Encoding DbfEncoding { get; init; }

    /// <summary>How <see cref="DbfEncoding"/> was chosen: the .cpg text, the DBF language driver, or the GBK default.</summary>
    public required string DbfEncodingSource { get; init; }

    /// <summary>
    /// Opens the shapefile at <paramref name="shpPath"/>. <paramref name="displayPath"/> names it in messages
    /// (the path inside the user's zip rather than the temp copy); <paramref name="folder"/>, when given, is released
    /// on dispose.
    /// </summary>
    internal static ShapefileLayer Open(string shpPath, string displayPath, TemporaryFolder? folder)
    {
        var name = Path.GetFileNameWithoutExtension(shpPath);
        var parts = ShapefileParts.Find(shpPath);
        var shx = parts.Shx ?? throw Missing(displayPath, name, ".shx", "index");
        var dbf = parts.Dbf ?? throw Missing(displayPath, name, ".dbf", "attribute");

        var shapeCount = ReadShxCount(shx, displayPath, name);
        CheckShpHeader(shpPath, displayPath, name);
        DbfHeader header;
        try
        {
            using var stream = File.OpenRead(dbf);
            header = DbfHeader.Read(stream);
        }
        catch (FormatException e)
        {
            throw new SourceFileException(displayPath, name, $"{Path.GetFileName(dbf)}: {e.Message}", e);
        }
        if (header.RecordCount != shapeCount)
        {
            throw new SourceFileException(displayPath, name,
                $"the parts do not match: {Path.GetFileName(dbf)} has {header.RecordCount} records but {Path.GetFileName(shx)} indexes {shapeCount} shapes");
        }

        Encoding encoding;
        string encodingSource;
        try
        {
            (encoding, encodingSource) = DbfCodePage.Resolve(parts.Cpg, header.LanguageDriverId);
        }
        catch (FormatException e)
        {
            throw new SourceFileException(displayPath, name, $"{Path.GetFileName(parts.Cpg)}: {e.Message}", e);
        }
        var columns = header.Columns(encoding);
        var prj = parts.Prj is null ? null : File.ReadAllText(parts.Prj).Trim().Trim('\uFEFF');

        return new ShapefileLayer
        {
            SourcePath = displayPath,
            Name = name,
            Fields = columns.Select(c => new SourceField(c.Name, c.FieldType)).ToArray(),
            CrsDefinition = string.IsNullOrEmpty(prj) ? null : prj,
            // ESRI .prj WKT rarely carries an EPSG id; Identify recognises CGCS2000 zones by their parameters.
            Epsg = string.IsNullOrEmpty(prj) ? null : CgcsCrs.Identify(null, prj).Epsg,
            FeatureCount = header.RecordCount,
            DbfEncoding = encoding,
            DbfEncodingSource = encodingSource,
            _shpPath = shpPath,
            _dbfPath = dbf,
            _header = header,
            _columns = columns,
            _folder = folder,
        };
    }

    public override IEnumerable<SourceFeature> ReadFeatures()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var shpStream = OpenRead(_shpPath);
        using var dbfStream = OpenRead(_dbfPath);
        using var shapes = OpenShapes(shpStream);
        dbfStream.Position = _header.HeaderLength;
        var record = new byte[_header.RecordLength];
        for (var number = 1; number <= _header.RecordCount; number++)
        {
            ReadRecord(dbfStream, record, number);
            var geometry = ReadShape(shapes, number);
            if (record[0] == (byte)'*')
            {
                continue;
            }
            var values = new object?[_columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var column = _columns[i];
                values[i] = DbfValue.Parse(record.AsSpan(1 + column.Offset, column.Length), column, DbfEncoding);
            }
            yield return new SourceFeature(number, geometry, values);
        }
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _folder?.Release();
        }
        base.Dispose();
    }

    private FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceFileException(SourcePath, Name, $"{Path.GetFileName(path)} cannot be opened: {e.Message}", e);
        }
    }

    private ShpReader OpenShapes(Stream shpStream)
    {
        try
        {
            // IgnoreInvalidShapes builds polygons by ring orientation without the per-shape IsValid test of Strict
            // mode, which would throw on the first bad patch; validation reports invalid geometry with its feature.
            return Shp.OpenRead(shpStream, new ShapefileReaderOptions { GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes });
        }
        catch (Exception e) when (e is not SourceFileException)
        {
            throw new SourceFileException(SourcePath, Name, $"{Path.GetFileName(_shpPath)} cannot be read: {e.Message}", e);
        }
    }

    private void ReadRecord(Stream dbf, byte[] record, int number)
    {
        if (dbf.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) < record.Length)
        {
            throw new SourceFileException(SourcePath, Name, $"{Path.GetFileName(_dbfPath)} ends inside record {number}: the file is truncated");
        }
    }

    private Geometry? ReadShape(ShpReader shapes, int number)
    {
        bool read;
        try
        {
            read = shapes.Read();
        }
        catch (Exception e) when (e is not SourceFileException)
        {
            throw new SourceFileException(SourcePath, Name, $"{Path.GetFileName(_shpPath)}: shape {number} cannot be read: {e.Message}", e);
        }
        if (!read)
        {
            throw new SourceFileException(SourcePath, Name,
                $"{Path.GetFileName(_shpPath)} ends after {number - 1} shapes but the attribute file has {_header.RecordCount} records");
        }
        var geometry = shapes.Geometry;
        if (geometry is null || geometry.IsEmpty)
        {
            return null; // a null shape (type 0); the SHP reader returns it as an empty geometry
        }
        if (Epsg is { } epsg)
        {
            geometry.SRID = epsg;
        }
        return geometry;
    }

    private static SourceFileException Missing(string displayPath, string name, string extension, string role) =>
        new(displayPath, name,
            $"the {role} file {name}{extension} is missing; a shapefile needs {name}.shp, {name}.shx and {name}.dbf side by side");

    /// <summary>Shape count from the .shx header: (file length − 100) / 8, the length being in 16-bit words.</summary>
    private static long ReadShxCount(string shx, string displayPath, string name)
    {
        Span<byte> header = stackalloc byte[100];
        using var stream = File.OpenRead(shx);
        if (stream.ReadAtLeast(header, 100, throwOnEndOfStream: false) < 100 || BinaryPrimitives.ReadInt32BigEndian(header) != 9994)
        {
            throw new SourceFileException(displayPath, name, $"{Path.GetFileName(shx)} is not a shapefile index (bad header)");
        }
        var bytes = 2L * BinaryPrimitives.ReadInt32BigEndian(header[24..]);
        if (bytes < 100 || (bytes - 100) % 8 != 0 || bytes > stream.Length)
        {
            throw new SourceFileException(displayPath, name, $"{Path.GetFileName(shx)} is damaged or truncated (its header length does not match the file)");
        }
        return (bytes - 100) / 8;
    }

    private static void CheckShpHeader(string shp, string displayPath, string name)
    {
        Span<byte> header = stackalloc byte[100];
        using var stream = File.OpenRead(shp);
        if (stream.ReadAtLeast(header, 100, throwOnEndOfStream: false) < 100 || BinaryPrimitives.ReadInt32BigEndian(header) != 9994)
        {
            throw new SourceFileException(displayPath, name, $"{Path.GetFileName(shp)} is not a shapefile (bad header)");
        }
        if (2L * BinaryPrimitives.ReadInt32BigEndian(header[24..]) > stream.Length)
        {
            throw new SourceFileException(displayPath, name, $"{Path.GetFileName(shp)} is truncated: its header announces more bytes than the file holds");
        }
    }
}
