using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Geography;

/// <summary>
/// The few real-world anchors of the demo prefecture, in CGCS2000 3-degree Gauss–Krüger zone 34 with zone prefix
/// (EPSG:4522). Longitudes/latitudes are approximate real positions; they were projected once with PROJ
/// (<c>cs2cs EPSG:4490 EPSG:4522</c>) and the results are written here, so the generator needs no projection code.
/// Rivers and highways are schematic polylines through the real towns, not surveyed lines.
/// </summary>
internal static class LinxiaGeography
{
    public const int Srid = 4522;

    /// <summary>Total area of 临夏回族自治州 the partition is scaled to, km².</summary>
    public const double PrefectureAreaKm2 = 8169.0;

    /// <summary>County seat (103.21E 35.60N → x, y) and approximate official area, km².</summary>
    public sealed record CountyAnchor(string Code, double X, double Y, double AreaKm2);

    public static readonly CountyAnchor[] Counties =
    [
        new("622901", 34609649.0, 3941834.6, 88.6),   // 临夏市 103.21E 35.60N
        new("622921", 34590742.1, 3929415.7, 1212),   // 临夏县 103.00E 35.49N
        new("622922", 34655404.5, 3916984.8, 1083),   // 康乐县 103.71E 35.37N
        new("622923", 34619109.5, 3979690.6, 1864),   // 永靖县 103.32E 35.94N
        new("622924", 34643376.2, 3930103.9, 538),    // 广河县 103.58E 35.49N
        new("622925", 34622594.6, 3923136.4, 960),    // 和政县 103.35E 35.43N
        new("622926", 34625867.3, 3948707.9, 1510),   // 东乡族自治县 103.39E 35.66N
        new("622927", 34579624.6, 3954831.9, 910),    // 积石山县 102.88E 35.72N
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

    /// <summary>A river as a polyline and its half-width on the ground, m; reservoirs get class 1103.</summary>
    public sealed record River(string Name, double HalfWidth, bool Reservoir, Coordinate[] Line);

    public static readonly River[] Rivers =
    [
        // 黄河 upstream of 刘家峡水库 (102.60E 35.83N → 103.15E 35.82N)
        new("黄河", 120, false,
        [
            new(34554214.4, 3966846.1), new(34572268.0, 3969194.5), new(34585851.0, 3965986.9),
            new(34594912.0, 3963860.0), new(34603925.6, 3966180.8),
        ]),
        // 刘家峡水库 (103.15E 35.82N → dam at 103.33E 35.92N)
        new("刘家峡水库", 900, true,
        [
            new(34603925.6, 3966180.8), new(34612906.3, 3970730.1), new(34620042.1, 3977483.5),
        ]),
        // 黄河 below the dam (103.33E 35.92N → 103.62E 36.10N)
        new("黄河", 150, false,
        [
            new(34620042.1, 3977483.5), new(34626265.0, 3984229.9), new(34635164.9, 3992132.0),
            new(34645886.5, 3997854.0),
        ]),
        // 大夏河 (102.70E 35.32N → 临夏市 → reservoir at 103.25E 35.86N)
        new("大夏河", 45, false,
        [
            new(34563652.5, 3910319.6), new(34577216.4, 3919302.4), new(34588938.3, 3928288.0),
            new(34599742.4, 3936169.7), new(34607849.9, 3940702.9), new(34613132.8, 3952976.0),
            new(34614799.3, 3964095.6), new(34612906.3, 3970730.1),
        ]),
        // 洮河 (103.82E 35.20N → reservoir at 103.36E 35.88N)
        new("洮河", 60, false,
        [
            new(34665748.6, 3898299.1), new(34661806.7, 3914877.7), new(34656120.3, 3928097.0),
            new(34648618.2, 3942398.9), new(34638441.7, 3955554.2), new(34629263.1, 3964294.9),
            new(34622811.8, 3973082.1),
        ]),
        // 广通河 (103.20E 35.38N → 和政 → 广河 → 洮河 at 103.72E 35.47N)
        new("广通河", 30, false,
        [
            new(34609039.6, 3917412.8), new(34622594.6, 3923136.4), new(34633426.6, 3927730.3),
            new(34643376.2, 3930103.9), new(34650617.7, 3931332.7), new(34656120.3, 3928097.0),
        ]),
    ];

    /// <summary>Highways (class 1003) between the county seats, with a few bends.</summary>
    public static readonly Coordinate[][] Highways =
    [
        // 临夏市 → 临夏县 → 土门关
        [new(34609649.0, 3941834.6), new(34598500.0, 3935000.0), new(34590742.1, 3929415.7), new(34576000.0, 3918500.0)],
        // 临夏市 → 积石山
        [new(34609649.0, 3941834.6), new(34596000.0, 3947500.0), new(34579624.6, 3954831.9), new(34566000.0, 3962000.0)],
        // 临夏市 → 和政 → 康乐
        [new(34609649.0, 3941834.6), new(34616500.0, 3932000.0), new(34622594.6, 3923136.4), new(34640000.0, 3919500.0),
         new(34655404.5, 3916984.8)],
        // 和政 → 广河 → 洮河
        [new(34622594.6, 3923136.4), new(34633000.0, 3928500.0), new(34643376.2, 3930103.9), new(34655500.0, 3932500.0)],
        // 临夏市 → 东乡 → 兰州
        [new(34609649.0, 3941834.6), new(34625867.3, 3948707.9), new(34634000.0, 3962000.0), new(34642000.0, 3978000.0),
         new(34650000.0, 3995000.0)],
        // 临夏市 → 永靖
        [new(34609649.0, 3941834.6), new(34611000.0, 3955000.0), new(34616500.0, 3968500.0), new(34619109.5, 3979690.6)],
    ];
}
