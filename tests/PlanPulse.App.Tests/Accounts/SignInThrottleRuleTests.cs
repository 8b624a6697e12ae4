using PlanPulse.App.Features.Accounts;

namespace PlanPulse.App.Tests.Accounts;

/// <summary>The sign-in gate over one counter: closed only while its window runs and holds the limit or more.</summary>
public sealed class SignInThrottleRuleTests
{
    private static readonly DateTime Start = new(2026, 12, 4, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    // failures, minutes since the window started, limit, window minutes → allowed, minutes to wait
    [InlineData(0, 0, 3, 15, true, 0)]
    [InlineData(2, 1, 3, 15, true, 0)]     // one below the limit
    [InlineData(3, 1, 3, 15, false, 14)]   // at the limit: wait for the window's end
    [InlineData(9, 10, 3, 15, false, 5)]   // over the limit, later in the window
    [InlineData(3, 15, 3, 15, true, 0)]    // the window has just ended
    [InlineData(50, 60, 3, 15, true, 0)]   // long ago
    [InlineData(1, 0, 1, 15, false, 15)]   // a limit of one
    public void Decide(int failures, int minutesSince, int limit, int windowMinutes, bool allowed, int wait)
    {
        var gate = SignInThrottle.Decide(failures, Start, limit, TimeSpan.FromMinutes(windowMinutes), Start.AddMinutes(minutesSince));
        Assert.Equal(allowed, gate.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(wait), gate.RetryAfter);
    }

    [Theory]
    [InlineData(" Leader ", "account:LEADER")]
    [InlineData("leader", "account:LEADER")]
    public void AccountKey_IsTheNormalisedName(string name, string key) => Assert.Equal(key, SignInThrottle.AccountKey(name));

    [Theory]
    [InlineData(null, "client:unknown")]
    [InlineData("", "client:unknown")]
    [InlineData("10.1.2.3", "client:10.1.2.3")]
    public void ClientKey_NamesTheAddress(string? address, string key) => Assert.Equal(key, SignInThrottle.ClientKey(address));
}
