using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;

namespace PlanPulse.App.Tests.Portfolio;

/// <summary>The one-read trend gives, for every month, exactly what that month's summary says.</summary>
public sealed class PortfolioTrendTests(DemoOnBothDatabases demo) : IClassFixture<DemoOnBothDatabases>
{
    [Theory]
    [InlineData("sqlite", 6)]
    [InlineData("sqlite", 11)]
    [InlineData("postgres", 6)]
    [InlineData("postgres", 11)]
    public async Task GetAsync_Demo_EqualsEachMonthsSummary(string database, int month)
    {
        var source = database == "sqlite" ? demo.Sqlite : demo.Postgres;
        await using var db = source.NewContext();

        var trend = await PortfolioTrend.GetAsync(db, new YearMonth(2023, month));

        Assert.Equal(month, trend.Count);
        for (var m = 1; m <= month; m++)
        {
            var summary = await PortfolioSummary.GetAsync(db, new YearMonth(2023, m), null);
            Assert.Equal(m, trend[m - 1].Month);
            Assert.Equal(summary.Completed, trend[m - 1].Completed);
            Assert.Equal(summary.CompletionRate, trend[m - 1].CompletionRate);
            Assert.Equal(summary.TimeProgress, trend[m - 1].TimeProgress);
        }
    }

    [Fact]
    public async Task GetAsync_UnknownList_ZeroCompletedAndNoRate()
    {
        await using var db = demo.Sqlite.NewContext();

        var trend = await PortfolioTrend.GetAsync(db, new YearMonth(2023, 3), "no-such-list");

        Assert.All(trend, p =>
        {
            Assert.Equal(0m, p.Completed);
            Assert.Null(p.CompletionRate);
        });
    }
}
