using Gengbao.Geo.Crs;
using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Geography;

/// <summary>
/// The few real-world anchors of the demo prefecture, given as approximate real longitudes/latitudes (CGCS2000) and
/// projected once to CGCS2000 3-degree Gauss–Krüger zone 34 with zone prefix (EPSG:4522) with Gengbao.Geo's
/// transverse Mercator. Rivers and highways are schematic polylines through the real towns, not surveyed lines.
/// </summary>
internal static class LinxiaGeography
{
    public const int Srid = 4522;

    /// <summary>Total area of 临夏回族自治州 the partition is scaled to, km².</summary>
    public const double PrefectureAreaKm2 = 8169.0;

    private static readonly TransverseMercator Projection = TransverseMercator.For(CgcsCrs.GetZone(Srid));

    /// <summary>County seat in EPSG:4522 and approximate official area, km².</summary>
    public sealed record CountyAnchor(string Code, double X, double Y, double AreaKm2);

    public static readonly CountyAnchor[] Counties =
    [
        County("622901", 103.21, 35.60, 88.6),   // 临夏市
        County("622921", 103.00, 35.49, 1212),   // 临夏县
        County("622922", 103.71, 35.37, 1083),   // 康乐县
        County("622923", 103.32, 35.94, 1864),   // 永靖县
        County("622924", 103.58, 35.49, 538),    // 广河县
        County("622925", 103.35, 35.43, 960),    // 和政县
        County("622926", 103.39, 35.66, 1510),   // 东乡族自治县
        County("622927", 102.88, 35.72, 910),    // 积石山保安族东乡族撒拉族自治县
    ];

    /// <summary>Short names used in approval numbers (临夏政土批〔2015〕105号).</summary>
    public static string ApprovalPrefix(string countyCode) => countyCode switch
    {
        "622901" => "临夏市",
        "622921" => "临夏",
        "622922" => "康乐",
        "622923" => "永靖",
        "622924" => "广河",
        "622925" => "和政",
        "622926" => "东乡",
        "622927" => "积石山",
        _ => "临夏州",
    };

    /// <summary>A river as a polyline (EPSG:4522) and its half-width on the ground, m; reservoirs get class 1103.</summary>
    public sealed record River(string Name, double HalfWidth, bool Reservoir, Coordinate[] Line);

    public static readonly River[] Rivers =
    [
        new("黄河", 120, false, Line(102.60, 35.83, 102.80, 35.85, 102.95, 35.82, 103.05, 35.80, 103.15, 35.82)),
        new("刘家峡水库", 900, true, Line(103.15, 35.82, 103.25, 35.86, 103.33, 35.92)),
        new("黄河", 150, false, Line(103.33, 35.92, 103.40, 35.98, 103.50, 36.05, 103.62, 36.10)),
        new("大夏河", 45, false, Line(102.70, 35.32, 102.85, 35.40, 102.98, 35.48, 103.10, 35.55, 103.19, 35.59, 103.25, 35.70,
            103.27, 35.80, 103.25, 35.86)),
        new("洮河", 60, false, Line(103.82, 35.20, 103.78, 35.35, 103.72, 35.47, 103.64, 35.60, 103.53, 35.72, 103.43, 35.80,
            103.36, 35.88)),
        new("广通河", 30, false, Line(103.20, 35.38, 103.35, 35.43, 103.47, 35.47, 103.58, 35.49, 103.66, 35.50, 103.72, 35.47)),
    ];

    /// <summary>Highways (class 1003) between the county seats, with a few bends (EPSG:4522).</summary>
    public static readonly Coordinate[][] Highways =
    [
        Line(103.21, 35.60, 103.0862, 35.5396, 103.00, 35.49, 102.8365, 35.3929),                      // 临夏市 → 临夏县 → 土门关
        Line(103.21, 35.60, 103.0601, 35.6525, 102.88, 35.72, 102.7300, 35.7856),                      // 临夏市 → 积石山
        Line(103.21, 35.60, 103.2842, 35.5106, 103.35, 35.43, 103.5410, 35.3949, 103.71, 35.37),       // 临夏市 → 和政 → 康乐
        Line(103.35, 35.43, 103.4654, 35.4770, 103.58, 35.49, 103.7140, 35.5098),                      // 和政 → 广河 → 洮河
        Line(103.21, 35.60, 103.39, 35.66, 103.4820, 35.7787, 103.5733, 35.9217, 103.6651, 36.0737),   // 临夏市 → 东乡 → 兰州
        Line(103.21, 35.60, 103.2267, 35.7185, 103.2895, 35.8395, 103.32, 35.94),                      // 临夏市 → 永靖
    ];

    private static CountyAnchor County(string code, double lon, double lat, double areaKm2)
    {
        var (x, y) = Projection.Forward(lon, lat);
        return new CountyAnchor(code, x, y, areaKm2);
    }

    /// <summary>A polyline from lon, lat pairs.</summary>
    private static Coordinate[] Line(params double[] lonLat)
    {
        var line = new Coordinate[lonLat.Length / 2];
        for (var i = 0; i < line.Length; i++)
        {
            var (x, y) = Projection.Forward(lonLat[2 * i], lonLat[(2 * i) + 1]);
            line[i] = new Coordinate(x, y);
        }
        return line;
    }
}
