using Gengbao.Batch;
using Gengbao.Cli.Commands;
using Gengbao.TestSupport;
using Xunit.Abstractions;

namespace Gengbao.Screening.Tests.Internal;

/// <summary>
/// Overlaps measured without building them (PolygonIntersectionArea and the local area density) against the
/// reference path that builds every piece with OverlayNG and measures it geodesically, on the whole sample.
/// </summary>
public sealed class MeasuredOverlapTest(ITestOutputHelper output)
{
    [Fact]
    public void SampleAreasAgreeWithTheOverlayPathWithinTwoThousandthsOfASquareMetre()
    {
        var options = new ScreeningRunOptions { Threads = 2 };
        var measured = FileScreening.Screen(SharedData.SampleGeoPackage, options, null);
        var built = FileScreening.Screen(SharedData.SampleGeoPackage, options, zone => new ScreeningEngine(zone) { OverlaysOnly = true });

        Assert.Equal(built.Count, measured.Count);
        var worst = 0.0;
        var worstRelative = 0.0;
        for (var i = 0; i < built.Count; i++)
        {
            var (a, b) = (measured[i], built[i]);
            Assert.Equal(b.MonitoringNumber, a.MonitoringNumber);
            Assert.Equal(b.Class, a.Class);
            Assert.Equal(b.Tags, a.Tags);
            foreach (var (x, y) in new[]
            {
                (a.PatchArea, b.PatchArea), (a.CultivatedArea, b.CultivatedArea), (a.PermanentBasicFarmlandArea, b.PermanentBasicFarmlandArea),
                (a.HighStandardFarmlandArea, b.HighStandardFarmlandArea), (a.ApprovedArea, b.ApprovedArea),
                (a.UnapprovedCultivatedArea, b.UnapprovedCultivatedArea), (a.UnapprovedPermanentBasicFarmlandArea, b.UnapprovedPermanentBasicFarmlandArea),
            })
            {
                var difference = Math.Abs(x - y);
                worst = Math.Max(worst, difference);
                worstRelative = Math.Max(worstRelative, difference / Math.Max(1, y));
            }
        }
        output.WriteLine($"max |Δ| {worst:E3} m², max relative {worstRelative:E3}");
        // The measured path integrates over straight Gauss–Krüger edges; PostGIS's edges are geodesics, whose image
        // bows by up to ~3 µm over 100 m here: ~10⁻⁴ m² per edge, three orders below the 0.5 m² tolerance.
        Assert.True(worst < 2e-3, $"max |Δ| {worst:E3} m², max relative {worstRelative:E3}");
    }
}
