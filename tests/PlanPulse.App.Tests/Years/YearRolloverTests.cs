using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Features.Years;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Years;

public sealed class YearRolloverTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Opening_2024_carries_open_projects_with_what_they_completed_and_leaves_2023_as_it_was(string provider)
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = demo.NewContext();
        db.ApplyScope(DataScope.Everything);
        var november = new YearMonth(2023, 11);
        var before = TestJson.Serialize(await PortfolioSummary.GetAsync(db, november, null));

        // One project cancelled, one completed: neither goes on.
        var codes = await db.Projects.OrderBy(p => p.Code).Select(p => p.Code).Take(2).ToListAsync();
        await db.Projects.IgnoreQueryFilters().Where(p => p.Code == codes[0]).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, ProjectStatus.Cancelled));
        await db.Projects.IgnoreQueryFilters().Where(p => p.Code == codes[1]).ExecuteUpdateAsync(u => u.SetProperty(p => p.Phase, Phase.Completion));
        var open = await db.Projects.CountAsync(p => p.Status == ProjectStatus.Open && p.Phase < Phase.Completion);
        var sample = await db.Projects.Where(p => p.Status == ProjectStatus.Open && p.Phase < Phase.Completion).OrderBy(p => p.Code).Skip(5).FirstAsync();
        var samplePlan = await db.AnnualPlans.SingleAsync(a => a.ProjectId == sample.Id && a.Year == 2023);
        var sampleReported = await db.MonthlyReports.Where(r => r.ProjectId == sample.Id && r.Month >= 202301 && r.Month <= 202312
            && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Approved)).SumAsync(r => r.Amount);
        db.ChangeTracker.Clear();

        var preview = await YearRollover.OpenAsync(db, 2024, preview: true);
        Assert.False(preview.Saved);
        Assert.False(await db.ProjectLists.AnyAsync(l => l.Year == 2024));

        var result = await YearRollover.OpenAsync(db, 2024);
        Assert.Equal(preview with { Saved = true }, result);
        Assert.Equal(3, result.TracksCopied);
        Assert.Equal(5, result.ListsCopied);
        Assert.Equal(open, result.ProjectsCarried);
        Assert.True(result.ProjectsLeftBehind >= 2);
        Assert.True(result.IndicatorPlanCreated);

        await using var check = demo.NewContext();
        check.ApplyScope(DataScope.Everything);
        var plan = await check.AnnualPlans.SingleAsync(a => a.ProjectId == sample.Id && a.Year == 2024);
        Assert.Equal(samplePlan.CompletedBeforeYear + sampleReported, plan.CompletedBeforeYear);
        Assert.Equal(0m, plan.PlannedInvestment);
        Assert.False(await check.ProjectListEntries.AnyAsync(e => e.ProjectList!.Year == 2024 && (e.Project!.Code == codes[0] || e.Project.Code == codes[1])));

        // The project now belongs to the 2024 track of the same code; 2023 still shows what it showed.
        var moved = await check.Projects.Include(p => p.Track).SingleAsync(p => p.Id == sample.Id);
        Assert.Equal(2024, moved.Track!.Year);
        Assert.Equal(before, TestJson.Serialize(await PortfolioSummary.GetAsync(check, november, null)));
        var january = await PortfolioSummary.GetAsync(check, new YearMonth(2024, 1), null);
        Assert.Equal(3, january.Tracks.Count);
        Assert.Equal(january.Projects, january.Tracks.Sum(t => t.Projects));

        // Moving the project to another 2024 track leaves 2023's track tables alone.
        var other = await check.Tracks.FirstAsync(t => t.Year == 2024 && t.Id != moved.TrackId);
        await check.Projects.IgnoreQueryFilters().Where(p => p.Id == sample.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.TrackId, other.Id));
        Assert.Equal(before, TestJson.Serialize(await PortfolioSummary.GetAsync(check, november, null)));

        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => YearRollover.OpenAsync(check, 2024));
        Assert.Contains("已经开启", again.Errors["year"][0], StringComparison.Ordinal);
        var nothingBefore = await Assert.ThrowsAsync<ValidationFailedException>(() => YearRollover.OpenAsync(check, 2030));
        Assert.Contains("2029年没有项目清单", nothingBefore.Errors["year"][0], StringComparison.Ordinal);
    }
}
