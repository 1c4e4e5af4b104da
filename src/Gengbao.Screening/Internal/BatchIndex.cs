using Gengbao.Geo.Codes;
using NetTopologySuite.Geometries;

namespace Gengbao.Screening.Internal;

/// <summary>The reference layers of one batch, indexed; immutable after construction and shared by the worker threads.</summary>
internal sealed class BatchIndex
{
    public BatchIndex(ScreeningLayers layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        // Only cultivated land counts (domain.md §1.3); other classes never enter the index.
        var cultivated = layers.Land.Where(p => LandClass.IsCultivated(p.LandClassCode)).ToList();
        Cultivated = Index(ScreeningLayer.Land, cultivated, p => p.Id, p => p.Geometry);
        CultivatedClasses = cultivated.Select(p => p.LandClassCode.Trim()).ToArray();
        PermanentBasicFarmland = Index(ScreeningLayer.PermanentBasicFarmland, layers.PermanentBasicFarmland, p => p.Id, p => p.Geometry);
        PermanentBasicFarmlandTwins = Twins(PermanentBasicFarmland, Cultivated);
        HighStandardFarmland = Index(ScreeningLayer.HighStandardFarmland, layers.HighStandardFarmland, p => p.Id, p => p.Geometry);
        Approvals = Index(ScreeningLayer.Approvals, layers.Approvals, a => a.Id, a => a.Geometry);
        ApprovalRecords = layers.Approvals;
    }

    public ReferenceSet Cultivated { get; }

    /// <summary>DLBM of each feature of <see cref="Cultivated"/>, trimmed.</summary>
    public IReadOnlyList<string> CultivatedClasses { get; }

    public ReferenceSet PermanentBasicFarmland { get; }

    /// <summary>
    /// For each permanent-basic-farmland parcel, the index of a cultivated parcel with exactly the same geometry
    /// (coordinate for coordinate), or −1. 永久基本农田 parcels are cut from the survey's cultivated parcels, so most
    /// coincide with one; their overlap with a patch is then the cultivated parcel's, computed once.
    /// </summary>
    public IReadOnlyList<int> PermanentBasicFarmlandTwins { get; }

    public ReferenceSet HighStandardFarmland { get; }

    public ReferenceSet Approvals { get; }

    /// <summary>Number and type of each feature of <see cref="Approvals"/>.</summary>
    public IReadOnlyList<Approval> ApprovalRecords { get; }

    private static int[] Twins(ReferenceSet parcels, ReferenceSet cultivated)
    {
        var byEnvelope = new Dictionary<Envelope, int>();
        for (var i = 0; i < cultivated.Count; i++)
        {
            byEnvelope.TryAdd(cultivated.Geometries[i].EnvelopeInternal, i);
        }
        var twins = new int[parcels.Count];
        for (var j = 0; j < parcels.Count; j++)
        {
            var geometry = parcels.Geometries[j];
            twins[j] = byEnvelope.TryGetValue(geometry.EnvelopeInternal, out var i) && cultivated.Geometries[i].EqualsExact(geometry) ? i : -1;
        }
        return twins;
    }

    private static ReferenceSet Index<T>(ScreeningLayer layer, IReadOnlyList<T> items, Func<T, long> id, Func<T, Geometry> geometry)
    {
        var ids = new long[items.Count];
        var geometries = new Geometry[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            ids[i] = id(items[i]);
            geometries[i] = geometry(items[i]);
        }
        return new ReferenceSet(layer, ids, geometries);
    }
}
