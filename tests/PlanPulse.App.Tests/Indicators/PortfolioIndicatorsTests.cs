using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Indicators;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Indicators;

public sealed class PortfolioIndicatorsTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_plans_list_indicators_are_kept_from_the_portfolio_and_a_published_month_is_final(string provider)
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = demo.NewContext();
        db.ApplyScope(DataScope.Everything);

        async Task<IndicatorObservation> ObservationAsync(string name, int month) =>
            await db.IndicatorObservations.AsNoTracking().SingleAsync(o => o.Indicator!.Name == name && o.Period == month.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Linked by name when the demo loads: counts, amounts in the indicator's unit, a track's part.
        var linked = await db.Indicators.AsNoTracking().Where(i => i.Measure != null).ToDictionaryAsync(i => i.Name);
        Assert.Equal(PortfolioMeasure.Projects, linked["计划安排重大建设项目"].Measure);
        Assert.Equal("new-materials", linked["新材料高地专项安排项目"].MeasureTrack);
        Assert.False(linked.ContainsKey("固定资产投资"));
        Assert.Equal(220m, (await ObservationAsync("计划安排重大建设项目", 202306)).Value);
        Assert.Equal(2964m, (await ObservationAsync("重大建设项目总投资", 202306)).Value);
        Assert.Equal(92m, (await ObservationAsync("新材料高地专项安排项目", 202306)).Value);
        Assert.Equal(PortfolioIndicators.Source, (await ObservationAsync("计划安排重大建设项目", 202306)).Source);

        // A project dropped from the list shows in the next sync; publishing the month makes the figure final.
        var list = await db.ProjectLists.SingleAsync(l => l.Year == 2023 && l.Code == "annual-major");
        var entry = await db.ProjectListEntries.Where(e => e.ProjectListId == list.Id).OrderBy(e => e.ProjectId).FirstAsync();
        db.ProjectListEntries.Remove(entry);
        await db.SaveChangesAsync();
        await MonthLocks.LockAsync(db, new YearMonth(2023, 6), "planoffice", "发布6月", TimeProvider.System);
        var june = await ObservationAsync("计划安排重大建设项目", 202306);
        Assert.Equal(219m, june.Value);
        Assert.True(june.Final);
        Assert.Equal(220m, (await ObservationAsync("计划安排重大建设项目", 202305)).Value);
    }
}
