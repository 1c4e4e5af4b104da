namespace Gengbao.Ledger.Accounts;

/// <summary>进账 or 出账: cultivated land gained from / lost to each <see cref="FlowClass"/>, m² (geodesic, from the transfer matrix).</summary>
public sealed class FlowAccount
{
    private readonly decimal[] _byClass = new decimal[FlowClasses.All.Count];

    /// <summary>Area of one class.</summary>
    public decimal this[FlowClass c] => _byClass[(int)c];

    /// <summary>Sum over the classes.</summary>
    public decimal Total => _byClass.Sum();

    /// <summary>Every class with its area, in <see cref="FlowClasses.All"/> order (zeros included).</summary>
    public IReadOnlyDictionary<FlowClass, decimal> ByClass => FlowClasses.All.ToDictionary(c => c, c => _byClass[(int)c]);

    /// <summary>Other agricultural land (进出平衡's side).</summary>
    public decimal OtherAgricultural => FlowClasses.All.Where(FlowClasses.IsOtherAgricultural).Sum(c => _byClass[(int)c]);

    internal void Add(FlowClass c, decimal area) => _byClass[(int)c] += area;
}
