using System.Globalization;
using System.Text;
using Gengbao.Geo.Crs;
using Gengbao.Patrol.Tracks;
using Gengbao.Storage.Database;
using Gengbao.Storage.OneMap;
using Gengbao.TestSupport;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Gengbao.Storage.Tests.Patrol;

/// <summary>A fresh database with the sample county imported, and helpers to make rosters and tracks from its cells.</summary>
public sealed class PatrolDatabase : IAsyncLifetime
{
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DataSource = GengbaoDatabase.CreateDataSource(await ThrowawayCluster.CreateDatabaseAsync("patrol"));
        await new OneMapImporter(DataSource).ImportAsync(SharedData.SampleGeoPackage, new ImportOptions { Year = 2024 });
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    public async Task<long> CountAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync())
        {
            list.Add(read(reader));
        }
        return list;
    }

    /// <summary>
    /// A roster CSV giving a manager to the county, every township, every village and the first <paramref name="groups"/>
    /// groups, with phones numbered from 13900000000.
    /// </summary>
    public async Task<byte[]> RosterCsvAsync(int groups)
    {
        var cells = await ListAsync("""
            SELECT code, name, level FROM admin_unit
            WHERE level < 6 OR code IN (SELECT code FROM admin_unit WHERE level = 6 ORDER BY code LIMIT 
            """ + groups.ToString(CultureInfo.InvariantCulture) + ") ORDER BY level, code", r => (Code: r.GetString(0), Name: r.GetString(1), Level: r.GetInt16(2)));
        var csv = new StringBuilder("行政区代码,行政区名称,网格层级,角色,姓名,手机号,任期开始,任期结束\n");
        var n = 0;
        foreach (var c in cells)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{c.Code},{c.Name},{c.Level},田管员,田管员{n},139{n:D8},2024-01-01,\n");
            n++;
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The cell's polygon in longitude/latitude.</summary>
    public async Task<Geometry> CellAsync(string code) =>
        (await ListAsync($"SELECT geom_4490 FROM admin_unit WHERE code = '{code}'", r => r.GetFieldValue<Geometry>(0))).Single();

    /// <summary>
    /// A walk back and forth across the cell's bounding box, lines <paramref name="spacingM"/> apart, a fix every 20 m at
    /// 1.5 m/s from <paramref name="start"/>: with 80 m spacing every point of the cell is within 50 m of the track.
    /// </summary>
    public static List<TrackPoint> Lawnmower(Geometry cell, DateTimeOffset start, double spacingM = 80, int? maxLines = null)
    {
        var zone = CgcsCrs.ThreeDegreeZoneFor(cell.EnvelopeInternal.Centre.X, withPrefix: true);
        var projection = TransverseMercator.For(zone);
        var box = GeometryReprojector.ToZone(cell, zone).EnvelopeInternal;
        var points = new List<TrackPoint>();
        var t = start;
        var line = 0;
        for (var y = box.MinY + (spacingM / 2); y - (spacingM / 2) < box.MaxY && (maxLines is null || line < maxLines); y += spacingM, line++)
        {
            var (x0, x1) = line % 2 == 0 ? (box.MinX, box.MaxX) : (box.MaxX, box.MinX);
            var steps = Math.Max(1, (int)Math.Ceiling(Math.Abs(x1 - x0) / 20));
            for (var i = 0; i <= steps; i++)
            {
                var (lon, lat) = projection.Inverse(x0 + ((x1 - x0) * i / steps), y);
                points.Add(new TrackPoint(lon, lat, 5, 2000, t));
                t = t.AddMilliseconds(Math.Round(Math.Abs(x1 - x0) / steps / 1.5 * 1000)); // phones report whole milliseconds
            }
        }
        return points;
    }
}
