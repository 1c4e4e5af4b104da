namespace Gengbao.TestSupport;

/// <summary>A clock the test sets: <see cref="TimeProvider.GetUtcNow"/> returns <see cref="Now"/>. Timers use the system clock.</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
