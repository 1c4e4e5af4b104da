namespace Gengbao.Cases.Tests;

public sealed class CaseRulesTests
{
    [Theory]
    [InlineData("622921100201001", "622921100201")]
    [InlineData("622921100201", "622921100000")]
    [InlineData("622921100000", "622921000000")]
    [InlineData("622921000000", null)]
    public void Escalation_goes_one_grid_level_up(string cell, string? above) => Assert.Equal(above, CaseDeadlines.LevelAbove(cell));

    [Fact]
    public void Only_open_tasks_past_their_deadline_escalate_once()
    {
        var created = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var due = CaseDeadlines.DueAt(CaseTaskKind.Rectification, created);
        Assert.Equal(created.AddDays(30), due);
        Assert.False(CaseDeadlines.MustEscalate(CaseTaskState.Open, due, null, due));
        Assert.True(CaseDeadlines.MustEscalate(CaseTaskState.Open, due, null, due.AddSeconds(1)));
        Assert.False(CaseDeadlines.MustEscalate(CaseTaskState.Open, due, due, due.AddDays(1)));
        Assert.False(CaseDeadlines.MustEscalate(CaseTaskState.Done, due, null, due.AddDays(1)));
    }

    [Fact]
    public void Images_are_recognised_by_their_bytes()
    {
        Assert.Equal("image/jpeg", ImageCheck.ContentType([0xFF, 0xD8, 0xFF, 0xE0, 0, 0]));
        Assert.Equal("image/png", ImageCheck.ContentType([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Null(ImageCheck.ContentType("GIF89a"u8));
        Assert.Null(ImageCheck.ContentType("<html>"u8));
        Assert.Null(ImageCheck.ContentType([]));
    }

    [Theory]
    [InlineData(60, 100, 200, true)]
    [InlineData(49, 100, 200, false)]
    [InlineData(50, 100, 100, true)]
    [InlineData(10, 0, 100, false)]
    public void Polygons_are_the_same_place_when_the_overlap_is_half_the_smaller(double overlap, double a, double b, bool same) =>
        Assert.Equal(same, DuplicateRule.IsSamePlace(overlap, a, b));

    [Fact]
    public void Public_statuses_hide_the_steps()
    {
        Assert.Equal("received", PublicClueStatus.Of(null));
        Assert.Equal("verifying", PublicClueStatus.Of(CaseState.Verifying));
        Assert.Equal("handling", PublicClueStatus.Of(CaseState.Reviewed));
        Assert.Equal("closed", PublicClueStatus.Of(CaseState.Archived));
        Assert.Equal("已办结", PublicClueStatus.Label("closed"));
    }
}
