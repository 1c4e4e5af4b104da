namespace Gengbao.Geo.Area;

/// <summary>
/// A double-double running sum (GeographicLib's Accumulator): per-edge geodesic area terms are large (area between
/// the edge and the equator) and cancel to a small polygon, so the sum is kept to about 106 bits.
/// </summary>
internal struct AreaAccumulator
{
    private double _s;
    private double _t;

    public readonly double Value => _s;

    public void Add(double y)
    {
        var z = GeoMath.Sum(y, _t, out var u);
        _s = GeoMath.Sum(z, _s, out _t);
        if (_s == 0)
        {
            _s = u;
        }
        else
        {
            _t += u;
        }
    }

    /// <summary>Reduces the sum to [−y/2, y/2].</summary>
    public void Remainder(double y)
    {
        _s = Math.IEEERemainder(_s, y);
        Add(0);
    }

    public void Negate()
    {
        _s = -_s;
        _t = -_t;
    }
}
