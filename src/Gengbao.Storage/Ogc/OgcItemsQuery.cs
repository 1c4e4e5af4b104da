namespace Gengbao.Storage.Ogc;

/// <summary>
/// One page of a collection's items. <paramref name="Bbox"/> is min/max in <paramref name="BboxCrs"/>'s axis order
/// (CRS84: lon, lat; EPSG:4490: lat, lon; Gauss–Krüger: northing, easting). <paramref name="Year"/> null means the
/// latest stored year of each county.
/// </summary>
public sealed record OgcItemsQuery(OgcCollection Collection, int Limit, long Offset, double[]? Bbox, OgcCrs BboxCrs, OgcCrs Crs, int? Year);

/// <summary>A feature as the API writes it: id <c>county-year-fid</c>, properties as JSON text, GeoJSON geometry text.</summary>
public sealed record OgcFeatureRow(string Id, string PropertiesJson, string GeometryJson);

/// <summary>What a collection's metadata says: the lon/lat extent of the caller's rows, the years and storage SRIDs.</summary>
public sealed record OgcCollectionInfo(OgcCollection Collection, double[]? Extent, IReadOnlyList<int> Years, IReadOnlyList<int> StorageSrids);
