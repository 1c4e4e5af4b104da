using NetTopologySuite.Geometries;

namespace Gengbao.Ledger.Optimisation;

/// <summary>
/// A permanent basic farmland parcel (YJJBNT) as the optimisation reads it: <paramref name="OfficialArea"/> is its
/// stored official area (TBMJ, m²); <paramref name="Shape"/> is in a metric CRS (the stored Gauss–Krüger zone) and is
/// used for contiguity distances; <paramref name="Geographic"/> is the same shape in CGCS2000 longitude/latitude
/// (EPSG:4490), used for overlays with the other layers.
/// </summary>
public sealed record PbfParcel(long Fid, string? Bsm, string VillageCode, decimal OfficialArea, Geometry Shape, Geometry Geographic);
