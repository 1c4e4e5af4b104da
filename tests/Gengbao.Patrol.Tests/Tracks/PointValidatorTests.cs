using Gengbao.Patrol.Tracks;

namespace Gengbao.Patrol.Tests.Tracks;

public class PointValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly TrackPoint Good = new(103.2, 35.5, 5, 2000, Now.AddMinutes(-10));

    [Fact]
    public void Good_points_pass() => Assert.Empty(PointValidator.Validate([Good, Good with { Accuracy = null, Altitude = null }], Now));

    [Theory]
    [InlineData(200, 35.5, "impossible coordinates")]
    [InlineData(103.2, 95, "impossible coordinates")]
    [InlineData(double.NaN, 35.5, "impossible coordinates")]
    [InlineData(10.0, 50.0, "outside China")]
    public void Coordinates_outside_China_are_refused(double lon, double lat, string message)
    {
        var problem = Assert.Single(PointValidator.Validate([Good, Good with { Lon = lon, Lat = lat }], Now));
        Assert.Equal(1, problem.Index);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Future_times_beyond_the_skew_and_reset_clocks_are_refused()
    {
        var problems = PointValidator.Validate(
            [Good with { Time = Now.AddMinutes(4) }, Good with { Time = Now.AddMinutes(6) }, Good with { Time = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero) }], Now);
        Assert.Equal([1, 2], problems.Select(p => p.Index));
        Assert.Contains("future", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("clock", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_accuracy_is_refused() =>
        Assert.Contains("accuracy", Assert.Single(PointValidator.Validate([Good with { Accuracy = -1 }], Now)).Message, StringComparison.Ordinal);
}
