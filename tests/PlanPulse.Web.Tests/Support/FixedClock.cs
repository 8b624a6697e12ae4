namespace PlanPulse.Web.Tests.Support;

/// <summary>A clock stopped at one instant, to put the app at a chosen date (e.g. just before a deadline).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
