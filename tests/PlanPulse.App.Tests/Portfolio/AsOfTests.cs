using Microsoft.Extensions.Time.Testing;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Portfolio;

/// <summary>
/// ADR-003: a month is evaluated as of its deadline (the 5th of the next month, end of day Beijing time). A report
/// that arrives later does not count for that month, which shows grey, and counts from the next month on.
/// </summary>
public sealed class AsOfTests
{
    private static readonly YearMonth _june = new(2023, 6);
    private static readonly YearMonth _july = new(2023, 7);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Evaluate_ReportAfterDeadline_NotCountedAndGreyForItsMonthButCountedNextMonth(string provider)
    {
        await using var database = await CreateWithJanuaryToMayAsync(provider);
        var clock = new FakeTimeProvider(Beijing(2023, 7, 3, 10));
        await SubmitAsync(database, clock, SmallPortfolio.First, _june, 100m);
        clock.SetUtcNow(Beijing(2023, 7, 10, 10));
        await SubmitAsync(database, clock, SmallPortfolio.Second, _june, 100m);

        var june = await EvaluateAsync(database, _june);
        var p1 = june.Projects.Single(p => p.Code == SmallPortfolio.First);
        var p2 = june.Projects.Single(p => p.Code == SmallPortfolio.Second);
        Assert.Equal(600m, p1.Completed);
        Assert.NotEqual(Colour.Grey, p1.Colour);
        Assert.Equal(500m, p2.Completed);
        Assert.Equal(Colour.Grey, p2.Colour);
        Assert.Contains(p2.Verdict.Hits, h => h.Rule == ProjectColouring.ReportRule);
        Assert.Equal(6, p1.ReportsOnTime);
        Assert.Equal(5, p2.ReportsOnTime);

        clock.SetUtcNow(Beijing(2023, 8, 3, 10));
        await SubmitAsync(database, clock, SmallPortfolio.First, _july, 100m);
        await SubmitAsync(database, clock, SmallPortfolio.Second, _july, 100m);

        var july = await EvaluateAsync(database, _july);
        var p2July = july.Projects.Single(p => p.Code == SmallPortfolio.Second);
        Assert.Equal(700m, p2July.Completed);
        Assert.NotEqual(Colour.Grey, p2July.Colour);
        Assert.Equal(6, p2July.ReportsOnTime);
        Assert.Equal(700m, july.Projects.Single(p => p.Code == SmallPortfolio.First).Completed);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task GetSummary_PastMonthAfterLaterMonthsArrive_RecomputesExactlyAsItStood(string provider)
    {
        await using var database = await CreateWithJanuaryToMayAsync(provider);
        var clock = new FakeTimeProvider(Beijing(2023, 7, 4, 9));
        await SubmitAsync(database, clock, SmallPortfolio.First, _june, 100m);
        var before = await SummaryJsonAsync(database, _june);
        var rankingsBefore = await RankingsJsonAsync(database, _june);

        // Later: P-2's June report (late), then July and August reports.
        clock.SetUtcNow(Beijing(2023, 7, 20, 9));
        await SubmitAsync(database, clock, SmallPortfolio.Second, _june, 80m);
        clock.SetUtcNow(Beijing(2023, 8, 2, 9));
        await SubmitAsync(database, clock, SmallPortfolio.First, _july, 100m);
        await SubmitAsync(database, clock, SmallPortfolio.Second, _july, 100m);
        clock.SetUtcNow(Beijing(2023, 9, 1, 9));
        await SubmitAsync(database, clock, SmallPortfolio.First, new(2023, 8), 100m);

        Assert.Equal(before, await SummaryJsonAsync(database, _june));
        Assert.Equal(rankingsBefore, await RankingsJsonAsync(database, _june));
    }

    /// <summary>The June deadline is the end of 5 July in Beijing: 2023-07-05T16:00:00Z.</summary>
    [Theory]
    [InlineData(Databases.Sqlite, "2023-07-05T15:59:59Z", true)]
    [InlineData(Databases.Sqlite, "2023-07-05T16:00:00Z", false)]
    [InlineData(Databases.Postgres, "2023-07-05T15:59:59Z", true)]
    [InlineData(Databases.Postgres, "2023-07-05T16:00:00Z", false)]
    public async Task Evaluate_ReportAroundDeadline_CountsOnlyBeforeEndOfFifthBeijingTime(string provider, string submittedAt, bool counts)
    {
        await using var database = await CreateWithJanuaryToMayAsync(provider);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(submittedAt, System.Globalization.CultureInfo.InvariantCulture));
        await SubmitAsync(database, clock, SmallPortfolio.First, _june, 100m);

        var june = await EvaluateAsync(database, _june);

        var p1 = june.Projects.Single(p => p.Code == SmallPortfolio.First);
        Assert.Equal(counts ? 600m : 500m, p1.Completed);
        Assert.Equal(!counts, p1.Colour == Colour.Grey);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task GetSummary_LateReport_SummaryCountsGreyAndExcludesAmount(string provider)
    {
        await using var database = await CreateWithJanuaryToMayAsync(provider);
        var clock = new FakeTimeProvider(Beijing(2023, 7, 1, 9));
        await SubmitAsync(database, clock, SmallPortfolio.First, _june, 100m);
        clock.SetUtcNow(Beijing(2023, 7, 6, 0));
        await SubmitAsync(database, clock, SmallPortfolio.Second, _june, 100m);

        await using var db = database.NewContext();
        var june = await PortfolioSummary.GetAsync(db, _june, null);
        var july = await PortfolioSummary.GetAsync(db, _july, null);

        Assert.Equal(1100m, june.Completed);
        Assert.Equal(1, june.Colours.Grey);
        Assert.Equal(1200m, july.Completed);
        Assert.Equal(2, july.Colours.Grey);
    }

    /// <summary>Two projects with 100 万元 reported on the 3rd of each following month for January–May.</summary>
    private static async Task<TestDatabase> CreateWithJanuaryToMayAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await SmallPortfolio.SeedAsync(db);
        }

        var clock = new FakeTimeProvider(Beijing(2023, 2, 3, 10));
        for (var m = 1; m <= 5; m++)
        {
            clock.SetUtcNow(Beijing(2023, m + 1, 3, 10));
            await SubmitAsync(database, clock, SmallPortfolio.First, new(2023, m), 100m);
            await SubmitAsync(database, clock, SmallPortfolio.Second, new(2023, m), 100m);
        }

        return database;
    }

    private static async Task SubmitAsync(TestDatabase database, TimeProvider clock, string project, YearMonth month, decimal amount)
    {
        await using var db = database.NewContext();
        var text = amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SubmitMonthlyReport.HandleAsync(db, new SubmitMonthlyReportCommand(project, null, month.ToString(), text, null, null, null), "tester", clock);
    }

    private static async Task<PortfolioSnapshot> EvaluateAsync(TestDatabase database, YearMonth month)
    {
        await using var db = database.NewContext();
        return await PortfolioEvaluator.EvaluateAsync(db, month);
    }

    private static async Task<string> SummaryJsonAsync(TestDatabase database, YearMonth month)
    {
        await using var db = database.NewContext();
        return TestJson.Serialize(await PortfolioSummary.GetAsync(db, month, null));
    }

    private static async Task<string> RankingsJsonAsync(TestDatabase database, YearMonth month)
    {
        await using var db = database.NewContext();
        return TestJson.Serialize(await Rankings.GetAsync(db, month, null, null));
    }

    private static DateTimeOffset Beijing(int year, int month, int day, int hour) =>
        new(year, month, day, hour, 0, 0, ReportingCalendar.ChinaOffset);
}
