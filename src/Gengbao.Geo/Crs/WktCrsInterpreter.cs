using System.Globalization;

namespace Gengbao.Geo.Crs;

/// <summary>
/// Decides from a parsed WKT definition whether it is CGCS2000 geographic or a CGCS2000 Gauss–Krüger zone.
/// Content decides (datum, ellipsoid, method, parameters) because names differ between writers: EPSG/GDAL say
/// "China_2000", ESRI says "D_China_2000" and "Gauss_Kruger". An EPSG AUTHORITY/ID on the CRS itself is trusted.
/// </summary>
internal static class WktCrsInterpreter
{
    private const double DegreeInRadians = Math.PI / 180.0;

    public static CrsIdentification Identify(WktNode root)
    {
        var crs = Horizontal(root);
        if (crs is null)
        {
            return CrsIdentification.Unsupported($"{Display(root)} contains no geographic or projected coordinate reference system");
        }
        if (EpsgAuthority(crs) is { } code && (CgcsCrs.IsSupported(code) || ForeignCrsNames.TryGetName(code, out _)))
        {
            var byCode = CgcsCrs.FromEpsg(code);
            return byCode.IsSupported || crs.Name.Length == 0 || ForeignCrsNames.IsCgcs2000Variant(code)
                ? byCode
                : CrsIdentification.Unsupported($"{crs.Name} (EPSG:{code.ToString(CultureInfo.InvariantCulture)}) is not CGCS2000");
        }
        return crs.Keyword switch
        {
            "PROJCS" or "PROJCRS" or "PROJECTEDCRS" => Projected(crs),
            "GEOGCS" or "GEOGCRS" or "GEOGRAPHICCRS" or "GEODCRS" or "GEODETICCRS" => Geographic(crs),
            "GEOCCS" => CrsIdentification.Unsupported($"{Display(crs)} is geocentric, not longitude/latitude or a Gauss-Kruger zone"),
            _ => CrsIdentification.Unsupported($"{Display(crs)} is a {crs.Keyword} definition, not a geographic or projected CRS"),
        };
    }

    private static WktNode? Horizontal(WktNode node)
    {
        switch (node.Keyword)
        {
            case "COMPD_CS" or "COMPOUNDCRS":
                foreach (var child in node.Children)
                {
                    if (Horizontal(child) is { } horizontal && horizontal.Keyword is not ("VERT_CS" or "VERTCRS" or "VERTICALCRS"))
                    {
                        return horizontal;
                    }
                }
                return null;
            case "BOUNDCRS":
                return node.Child("SOURCECRS")?.Children.FirstOrDefault() is { } source ? Horizontal(source) : null;
            case "PROJCS" or "PROJCRS" or "PROJECTEDCRS" or "GEOGCS" or "GEOGCRS" or "GEOGRAPHICCRS" or "GEODCRS"
                or "GEODETICCRS" or "GEOCCS":
                return node;
            default:
                return null;
        }
    }

    private static CrsIdentification Geographic(WktNode crs)
    {
        if (DatumProblem(crs, crs) is { } problem)
        {
            return CrsIdentification.Unsupported(problem);
        }
        var cs = crs.Child("CS");
        if (cs is not null && cs.Words.Any(w => w.Equals("Cartesian", StringComparison.OrdinalIgnoreCase)))
        {
            return CrsIdentification.Unsupported($"{Display(crs)} is geocentric, not longitude/latitude");
        }
        if (cs is not null && cs.Numbers.Count > 0 && cs.Numbers[0] > 2)
        {
            return CrsIdentification.Unsupported($"{Display(crs)} is 3D; only 2D CGCS2000 longitude/latitude (EPSG:4490) is supported");
        }
        var angle = AngularUnit(crs);
        if (angle is { } factor && Math.Abs(factor - DegreeInRadians) > 1e-12)
        {
            return CrsIdentification.Unsupported($"{Display(crs)} measures angles in a unit of {Number(factor)} rad, not degrees");
        }
        return CrsIdentification.Geographic(crs.Name.Length > 0 ? crs.Name : "CGCS2000");
    }

    private static CrsIdentification Projected(WktNode crs)
    {
        var baseCrs = crs.Child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS", "GEOGCRS", "GEODCRS");
        if (baseCrs is null)
        {
            return CrsIdentification.Unsupported($"{Display(crs)} declares no geographic base CRS, so its datum is unknown");
        }
        if (DatumProblem(baseCrs, crs) is { } problem)
        {
            return CrsIdentification.Unsupported(problem);
        }

        var conversion = crs.Child("CONVERSION", "DERIVINGCONVERSION");
        var method = conversion is null ? crs.Child("PROJECTION") : conversion.Child("METHOD", "PROJECTION");
        var methodName = method?.Name ?? string.Empty;
        var methodCode = method is null ? null : EpsgId(method);
        if (!IsTransverseMercator(methodName, methodCode))
        {
            var what = methodName.Length > 0 ? methodName : "no projection method";
            return CrsIdentification.Unsupported($"{Display(crs)} uses {what}, not Gauss-Kruger (transverse Mercator)");
        }

        var linear = LinearUnit(crs);
        if (linear is { } metres && Math.Abs(metres - 1.0) > 1e-12)
        {
            return CrsIdentification.Unsupported($"{Display(crs)} measures in a unit of {Number(metres)} m, not metres");
        }

        var angleFactor = DegreesPerUnit(AngularUnit(baseCrs) ?? DegreeInRadians);
        var parameters = new TmParameters();
        foreach (var parameter in (conversion ?? crs).ChildrenNamed("PARAMETER"))
        {
            parameters.Set(parameter, angleFactor, linear ?? 1.0);
        }
        return parameters.ToZone(crs);
    }

    /// <summary>Null when the geographic part is CGCS2000; otherwise why not, naming <paramref name="crs"/>.</summary>
    private static string? DatumProblem(WktNode geographic, WktNode crs)
    {
        var datum = geographic.Child("DATUM", "GEODETICDATUM", "TRF", "ENSEMBLE", "DATUMENSEMBLE");
        var datumName = datum?.Name ?? string.Empty;
        var kind = DatumKind(datumName);
        if (kind == "unknown")
        {
            kind = DatumKind(geographic.Name);
        }
        if (kind != "CGCS2000")
        {
            var label = kind == "unknown" ? (datumName.Length > 0 ? $"datum {datumName}" : "datum not declared") : kind;
            var named = crs.Name.Length > 0 && kind != "unknown" && DatumKind(crs.Name) == kind;
            return named ? $"{crs.Name} is not CGCS2000" : $"{Display(crs)} ({label}) is not CGCS2000";
        }
        var ellipsoid = datum?.Child("SPHEROID", "ELLIPSOID") ?? geographic.Child("SPHEROID", "ELLIPSOID");
        if (ellipsoid is { Numbers.Count: >= 2 })
        {
            var a = ellipsoid.Numbers[0];
            var rf = ellipsoid.Numbers[1];
            var cgcs = Ellipsoid.Cgcs2000;
            if (Math.Abs(a - cgcs.SemiMajorAxis) > 1e-3 || Math.Abs(rf - cgcs.InverseFlattening) > 1e-6)
            {
                return $"{Display(crs)} names the China 2000 datum but its ellipsoid (a = {Number(a)}, 1/f = {Number(rf)}) is not CGCS2000";
            }
        }
        var primeMeridian = geographic.Child("PRIMEM", "PRIMEMERIDIAN");
        if (primeMeridian is { Numbers.Count: > 0 } && primeMeridian.Numbers[0] != 0)
        {
            return $"{Display(crs)} counts longitude from {primeMeridian.Name}, not Greenwich";
        }
        return null;
    }

    /// <summary>A coarse datum label from a datum or CRS name in any writer's spelling.</summary>
    private static string DatumKind(string name)
    {
        var n = Normalize(name);
        return n switch
        {
            _ when n.Contains("china2000", StringComparison.Ordinal) || n.Contains("cgcs2000", StringComparison.Ordinal)
                || n.Contains("chinageodeticcoordinatesystem2000", StringComparison.Ordinal) => "CGCS2000",
            _ when n.Contains("xian1980", StringComparison.Ordinal) || n.Contains("xian80", StringComparison.Ordinal) => "Xian 1980",
            _ when n.Contains("newbeijing", StringComparison.Ordinal) => "New Beijing",
            _ when n.Contains("beijing1954", StringComparison.Ordinal) || n.Contains("beijing54", StringComparison.Ordinal) => "Beijing 1954",
            _ when n.Contains("wgs84", StringComparison.Ordinal) || n.Contains("wgs1984", StringComparison.Ordinal)
                || n.Contains("worldgeodeticsystem1984", StringComparison.Ordinal) => "WGS 84",
            _ => "unknown",
        };
    }

    private static bool IsTransverseMercator(string methodName, int? methodCode)
    {
        if (methodCode == 9807)
        {
            return true;
        }
        var n = Normalize(methodName);
        if (n.Contains("south", StringComparison.Ordinal))
        {
            return false; // EPSG 9808 "Transverse Mercator (South Orientated)" flips the axes.
        }
        return n.Contains("transversemercator", StringComparison.Ordinal) || n.Contains("gausskruger", StringComparison.Ordinal)
            || n.Contains("gausskrueger", StringComparison.Ordinal);
    }

    /// <summary>The CRS's own EPSG code from WKT1 AUTHORITY["EPSG","4522"] or WKT2 ID["EPSG",4522].</summary>
    private static int? EpsgAuthority(WktNode crs)
    {
        var authority = crs.Child("AUTHORITY");
        if (authority is { Texts.Count: >= 2 } && authority.Texts[0].Equals("EPSG", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(authority.Texts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
        {
            return code;
        }
        return EpsgId(crs);
    }

    private static int? EpsgId(WktNode node)
    {
        foreach (var id in node.ChildrenNamed("ID"))
        {
            if (!id.Name.Equals("EPSG", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (id.Numbers.Count > 0 && id.Numbers[0] == Math.Floor(id.Numbers[0]))
            {
                return (int)id.Numbers[0];
            }
            if (id.Texts.Count > 1 && int.TryParse(id.Texts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
            {
                return code;
            }
        }
        return null;
    }

    /// <summary>Radians per unit of the angular unit (WKT1 UNIT of a GEOGCS, WKT2 ANGLEUNIT), or null if none.</summary>
    private static double? AngularUnit(WktNode geographic) =>
        UnitFactor(geographic, "ANGLEUNIT") ?? UnitFactor(geographic, "UNIT");

    /// <summary>Metres per unit of the projected CRS's linear unit (WKT1 UNIT, WKT2 LENGTHUNIT), or null if none.</summary>
    private static double? LinearUnit(WktNode projected) =>
        UnitFactor(projected, "LENGTHUNIT") ?? UnitFactor(projected, "UNIT");

    private static double? UnitFactor(WktNode crs, string keyword)
    {
        if (crs.Child(keyword) is { Numbers.Count: > 0 } unit)
        {
            return unit.Numbers[0];
        }
        foreach (var axis in crs.ChildrenNamed("AXIS"))
        {
            if (axis.Child(keyword) is { Numbers.Count: > 0 } axisUnit)
            {
                return axisUnit.Numbers[0];
            }
        }
        return null;
    }

    /// <summary>
    /// Degrees per angular unit. WKT writes the degree as 0.0174532925199433, which is not π/180 to the last bit;
    /// taken literally it would turn a central meridian of 103.5 into 103.50000000000003.
    /// </summary>
    internal static double DegreesPerUnit(double radiansPerUnit) =>
        Math.Abs((radiansPerUnit / DegreeInRadians) - 1) < 1e-12 ? 1.0 : radiansPerUnit / DegreeInRadians;

    internal static string Normalize(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }
        return new string(buffer[..length]);
    }

    private static string Display(WktNode node) => node.Name.Length > 0 ? node.Name : $"the {node.Keyword} definition";

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
