namespace Gengbao.Storage.OneMap;

/// <summary>How the county of each feature of a layer is found (docs/data-model.md, "County of a feature").</summary>
internal enum Placement
{
    /// <summary>From the feature's own location code or monitoring number.</summary>
    ByLocationCode,
    /// <summary>The one county of the file (or <c>--county</c>) for every feature.</summary>
    FileCounty,
    /// <summary>The county around the feature's interior point, among the counties the file covers.</summary>
    Locate,
}
