using System.Runtime.CompilerServices;
using Gengbao.Demo.Geography;
using Gengbao.Demo.Partition;
using NetTopologySuite.Geometries;

namespace Gengbao.Demo.Generation;

/// <summary>
/// Decides the land class (DLBM) of a patch from where it lies: on a river or highway, in a town, in the village
/// core or a hamlet, on a rural road, and otherwise from the relief zone's typical mix. Holds the lines near one
/// village so each decision scans a handful of segments.
/// </summary>
internal sealed class VillageLandUse
{
    private const double Reach = 12_000;

    private readonly LandUseField _field;
    private readonly List<(Coordinate A, Coordinate B, double HalfWidth, bool Reservoir)> _rivers = [];
    private readonly List<(Coordinate A, Coordinate B)> _highways = [];
    private readonly Coordinate _villageCentre;
    private readonly Coordinate _townshipCentre;
    private readonly Coordinate _countyCentre;
    private readonly bool _seatTown;
    private readonly bool _urban;
    private readonly double _coreRadius;
    private readonly double _hamletRadius;
    private readonly Coordinate[] _hamlets;

    public VillageLandUse(LandUseField field, AdminUnit county, AdminUnit township, AdminUnit village)
    {
        _field = field;
        var envelope = new Envelope(village.Geometry.EnvelopeInternal);
        envelope.ExpandBy(Reach);
        foreach (var river in LinxiaGeography.Rivers)
        {
            for (var i = 0; i + 1 < river.Line.Length; i++)
            {
                if (envelope.Intersects(new Envelope(river.Line[i], river.Line[i + 1])))
                {
                    _rivers.Add((river.Line[i], river.Line[i + 1], river.HalfWidth, river.Reservoir));
                }
            }
        }
        foreach (var highway in LinxiaGeography.Highways)
        {
            for (var i = 0; i + 1 < highway.Length; i++)
            {
                if (envelope.Intersects(new Envelope(highway[i], highway[i + 1])))
                {
                    _highways.Add((highway[i], highway[i + 1]));
                }
            }
        }
        _villageCentre = village.Centre;
        _townshipCentre = township.Centre;
        _countyCentre = county.Centre;
        // The first town of a county (code x100) is its seat; its core around the county seat is built up.
        _seatTown = township == county.Children.FirstOrDefault(t => !t.Urban);
        _urban = village.Urban;
        var size = Math.Sqrt(village.Geometry.Area);
        _coreRadius = Math.Clamp(0.10 * size, 60, 450);
        _hamletRadius = Math.Clamp(0.035 * size, 25, 150);
        _hamlets = [.. village.Children.Skip(1).Select(g => g.Centre)];
    }

    /// <summary>Whether a patch centred here is built-up town land (sub-district or the county seat's core).</summary>
    public bool IsUrban(double x, double y) =>
        _urban || (_seatTown && Distance(x, y, _countyCentre) < 1_600 + (900 * _field.Core.Uniform(x, y)));

    /// <summary>The DLBM of a patch centred at (x, y) whose size is about <paramref name="spacing"/> across.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Classify(double x, double y, double spacing)
    {
        var (riverDistance, halfWidth, reservoir) = NearestRiver(x, y);
        // Linear features widen with the patch size so they stay connected chains, but not beyond a plausible corridor.
        if (riverDistance < halfWidth + Math.Min(0.5 * spacing, 80))
        {
            return reservoir ? LandClass.Reservoir : LandClass.River;
        }
        if (NearestHighway(x, y) < Math.Max(15, Math.Min(0.5 * spacing, 70)))
        {
            return LandClass.Highway;
        }
        if (IsUrban(x, y))
        {
            return Pick(_field.Blocks.At(x, y), UrbanMix);
        }
        var mix = _field.Mix.At(x, y);
        var elevation = _field.Terrain.Elevation(x, y, riverDistance);
        var zone = Terrain.Zone(elevation);
        var wobble = 0.75 + (0.5 * _field.Core.Uniform(x, y));
        if (Distance(x, y, _villageCentre) < _coreRadius * wobble)
        {
            return _field.Blocks.At(x, y) < 0.08 ? LandClass.TownRoad : LandClass.Homestead;
        }
        if (zone != ReliefZone.Mountain)
        {
            foreach (var hamlet in _hamlets)
            {
                if (Distance(x, y, hamlet) < _hamletRadius * wobble)
                {
                    return LandClass.Homestead;
                }
            }
        }
        if (Geom.DistanceToSegment(x, y, _villageCentre, _townshipCentre) < Math.Max(6, Math.Min(0.4 * spacing, 40)))
        {
            return LandClass.RuralRoad;
        }
        var special = _field.Special.Uniform(x, y);
        if (special > 0.985)
        {
            return elevation > 0.45 ? LandClass.Mining : LandClass.Logistics;
        }
        if (zone == ReliefZone.Valley)
        {
            if (special < 0.03)
            {
                return LandClass.Facility;
            }
            var water = _field.Water.Uniform(x, y);
            if (water > 0.97 && riverDistance < 2_500)
            {
                return LandClass.Pond;
            }
            if (water < 0.015)
            {
                return LandClass.Ditch;
            }
            var pick = Pick(mix, ValleyMix);
            return pick == LandClass.Paddy && riverDistance > 1_500 ? LandClass.Irrigated : pick;
        }
        return Pick(mix, zone switch
        {
            ReliefZone.Slope => SlopeMix,
            ReliefZone.Hill => HillMix,
            _ => MountainMix,
        });
    }

    private static readonly (string Code, double Weight)[] UrbanMix =
    [
        (LandClass.UrbanResidential, 40), (LandClass.Commercial, 13), (LandClass.Government, 5), (LandClass.Education, 8),
        (LandClass.TownRoad, 12), (LandClass.Park, 5), (LandClass.Industrial, 9), (LandClass.Logistics, 5), (LandClass.Irrigated, 3),
    ];

    private static readonly (string Code, double Weight)[] ValleyMix =
    [
        (LandClass.Orchard, 12), (LandClass.Irrigated, 48), (LandClass.Paddy, 5), (LandClass.Dry, 12), (LandClass.OtherGarden, 5),
        (LandClass.Facility, 4), (LandClass.OtherGrass, 6), (LandClass.OtherForest, 4), (LandClass.BareSoil, 2),
    ];

    private static readonly (string Code, double Weight)[] SlopeMix =
    [
        (LandClass.OtherGarden, 5), (LandClass.Orchard, 4), (LandClass.Dry, 55), (LandClass.OtherGrass, 14),
        (LandClass.OtherForest, 6), (LandClass.Shrub, 6), (LandClass.Arbor, 5), (LandClass.BareSoil, 5),
    ];

    private static readonly (string Code, double Weight)[] HillMix =
    [
        (LandClass.Dry, 18), (LandClass.OtherGrass, 28), (LandClass.Shrub, 22), (LandClass.Arbor, 20),
        (LandClass.OtherForest, 7), (LandClass.BareSoil, 5),
    ];

    private static readonly (string Code, double Weight)[] MountainMix =
    [
        (LandClass.OtherGrass, 22), (LandClass.Shrub, 27), (LandClass.Arbor, 38), (LandClass.OtherForest, 6), (LandClass.BareRock, 7),
    ];

    private static string Pick(double u, (string Code, double Weight)[] mix)
    {
        var total = 0.0;
        foreach (var (_, weight) in mix)
        {
            total += weight;
        }
        var target = u * total;
        foreach (var (code, weight) in mix)
        {
            target -= weight;
            if (target < 0)
            {
                return code;
            }
        }
        return mix[^1].Code;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double Distance, double HalfWidth, bool Reservoir) NearestRiver(double x, double y)
    {
        var best = (Distance: double.MaxValue, HalfWidth: 0.0, Reservoir: false);
        foreach (var (a, b, halfWidth, reservoir) in _rivers)
        {
            var d = Geom.DistanceToSegment(x, y, a, b);
            // Compare by distance beyond the bank so a wide reservoir wins over a narrow river at the same centre distance.
            if (d - halfWidth < best.Distance - best.HalfWidth)
            {
                best = (d, halfWidth, reservoir);
            }
        }
        return best.Distance == double.MaxValue ? (Reach, 0, false) : best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double NearestHighway(double x, double y)
    {
        var best = double.MaxValue;
        foreach (var (a, b) in _highways)
        {
            best = Math.Min(best, Geom.DistanceToSegment(x, y, a, b));
        }
        return best;
    }

    private static double Distance(double x, double y, Coordinate c) => Math.Sqrt(((x - c.X) * (x - c.X)) + ((y - c.Y) * (y - c.Y)));
}
