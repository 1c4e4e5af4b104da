using NetTopologySuite.Geometries;

namespace Gengbao.Ledger.Optimisation;

/// <summary>A high-standard farmland project (GBZNT) in CGCS2000 longitude/latitude (EPSG:4490).</summary>
public sealed record HighStandardProject(long Fid, string? ProjectNo, string ProjectName, Geometry Geographic);
