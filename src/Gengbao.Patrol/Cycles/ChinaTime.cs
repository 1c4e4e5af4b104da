namespace Gengbao.Patrol.Cycles;

/// <summary>
/// Patrol periods follow the calendar in China Standard Time (UTC+8, no daylight saving), so a week or month starts at
/// local midnight whatever the server's time zone. Instants are stored and compared in UTC.
/// </summary>
public static class ChinaTime
{
    /// <summary>UTC+8.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The same instant seen on a clock in China.</summary>
    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>Local midnight of a China calendar date, as an instant (offset +08:00).</summary>
    public static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The China calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToChina(instant).DateTime);
}
