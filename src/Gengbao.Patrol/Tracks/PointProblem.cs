namespace Gengbao.Patrol.Tracks;

/// <summary>What is wrong with point <paramref name="Index"/> (0-based, in upload order) of a batch.</summary>
public sealed record PointProblem(int Index, string Message)
{
    public override string ToString() => $"point {Index}: {Message}";
}
