namespace Gengbao.Geo.Crs;

/// <summary>
/// The five transverse Mercator parameters read from WKT PARAMETER elements (by EPSG parameter ID or by any of the
/// names GDAL, WKT2 and ESRI use), and the matching CGCS2000 zone. Missing parameters take PROJ's defaults.
/// </summary>
internal sealed class TmParameters
{
    public double LatitudeOfOrigin { get; private set; }

    public double CentralMeridian { get; private set; }

    public double ScaleFactor { get; private set; } = 1.0;

    public double FalseEasting { get; private set; }

    public double FalseNorthing { get; private set; }

    /// <summary>
    /// Records one PARAMETER. <paramref name="degreesPerAngleUnit"/> and <paramref name="metresPerLengthUnit"/> apply
    /// when the parameter carries no unit of its own (WKT1 and ESRI take them from the enclosing CRS).
    /// </summary>
    public void Set(WktNode parameter, double degreesPerAngleUnit, double metresPerLengthUnit)
    {
        if (parameter.Numbers.Count == 0)
        {
            return;
        }
        var value = parameter.Numbers[0];
        var angle = parameter.Child("ANGLEUNIT", "UNIT") is { Numbers.Count: > 0 } angleUnit
            ? value * WktCrsInterpreter.DegreesPerUnit(angleUnit.Numbers[0])
            : value * degreesPerAngleUnit;
        var length = parameter.Child("LENGTHUNIT", "UNIT") is { Numbers.Count: > 0 } lengthUnit
            ? value * lengthUnit.Numbers[0]
            : value * metresPerLengthUnit;
        var scale = parameter.Child("SCALEUNIT", "UNIT") is { Numbers.Count: > 0 } scaleUnit
            ? value * scaleUnit.Numbers[0]
            : value;

        var id = parameter.Child("ID") is { Numbers.Count: > 0 } idNode ? (int)idNode.Numbers[0] : 0;
        var name = WktCrsInterpreter.Normalize(parameter.Name);
        if (id == 8801 || name is "latitudeoforigin" or "latitudeofnaturalorigin" or "latitudeofcenter" or "latitudeofcentre")
        {
            LatitudeOfOrigin = angle;
        }
        else if (id == 8802 || name is "centralmeridian" or "longitudeofnaturalorigin" or "longitudeoforigin"
                     or "longitudeofcenter" or "longitudeofcentre")
        {
            CentralMeridian = angle;
        }
        else if (id == 8805 || name is "scalefactor" or "scalefactoratnaturalorigin")
        {
            ScaleFactor = scale;
        }
        else if (id == 8806 || name == "falseeasting")
        {
            FalseEasting = length;
        }
        else if (id == 8807 || name == "falsenorthing")
        {
            FalseNorthing = length;
        }
    }

    /// <summary>The CGCS2000 zone these parameters define, or an unsupported result saying which parameter is off.</summary>
    public CrsIdentification ToZone(WktNode crs)
    {
        var name = crs.Name.Length > 0 ? crs.Name : "the projected CRS";
        if (Math.Abs(ScaleFactor - 1.0) > 1e-10)
        {
            return Reject($"{name} has scale factor {Number(ScaleFactor)}; CGCS2000 Gauss-Kruger zones use 1");
        }
        if (Math.Abs(FalseNorthing) > 1e-6)
        {
            return Reject($"{name} has false northing {Number(FalseNorthing)}; CGCS2000 Gauss-Kruger zones use 0");
        }
        if (Math.Abs(LatitudeOfOrigin) > 1e-9)
        {
            return Reject($"{name} has latitude of origin {Number(LatitudeOfOrigin)}; CGCS2000 Gauss-Kruger zones use 0");
        }
        var cm = Math.Round(CentralMeridian);
        if (Math.Abs(CentralMeridian - cm) > 1e-9 || cm % 3 != 0 || cm < 75 || cm > 135)
        {
            return Reject($"{name} has central meridian {Number(CentralMeridian)}, not a CGCS2000 3- or 6-degree zone meridian (75E-135E, a multiple of 3)");
        }
        var centralMeridian = (int)cm;
        var isSixDegreeMeridian = centralMeridian % 6 == 3;

        if (Math.Abs(FalseEasting - 500_000.0) < 1e-3)
        {
            var sixDegree = isSixDegreeMeridian && LooksSixDegree(crs.Name);
            return Accept(sixDegree
                ? 4502 + ((centralMeridian + 3) / 6) - 13
                : 4534 + (centralMeridian / 3) - 25);
        }
        var prefix = (FalseEasting - 500_000.0) / 1_000_000.0;
        var n = (int)Math.Round(prefix);
        if (Math.Abs(prefix - n) < 1e-9)
        {
            if (n is >= 25 and <= 45 && centralMeridian == 3 * n)
            {
                return Accept(4513 + n - 25);
            }
            if (n is >= 13 and <= 23 && centralMeridian == (6 * n) - 3)
            {
                return Accept(4491 + n - 13);
            }
        }
        var threeDegreeZone = centralMeridian / 3;
        return Reject($"{name} has false easting {Number(FalseEasting)}, which does not fit central meridian {centralMeridian}E "
            + $"(expected 500000 or {threeDegreeZone}500000{(isSixDegreeMeridian ? $" or {(centralMeridian + 3) / 6}500000" : string.Empty)})");
    }

    /// <summary>
    /// EPSG and ESRI names of 6-degree zones carry no width ("CGCS2000 / Gauss-Kruger CM 105E", "CGCS2000_GK_CM_105E")
    /// while 3-degree names always say "3-degree"/"3_Degree"; without a name the two are the same projection and the
    /// 3-degree code, the usual one for county data, is chosen.
    /// </summary>
    private static bool LooksSixDegree(string name)
    {
        var n = WktCrsInterpreter.Normalize(name);
        if (n.Contains("3degree", StringComparison.Ordinal))
        {
            return false;
        }
        return n.Contains("6degree", StringComparison.Ordinal) || n.Contains("gausskruger", StringComparison.Ordinal)
            || n.Contains("gk", StringComparison.Ordinal);
    }

    private static CrsIdentification Accept(int epsg) => CrsIdentification.Projected(CgcsCrs.GetZone(epsg));

    private static CrsIdentification Reject(string reason) => CrsIdentification.Unsupported(reason);

    private static string Number(double value) => WktCrsInterpreter.Number(value);
}
