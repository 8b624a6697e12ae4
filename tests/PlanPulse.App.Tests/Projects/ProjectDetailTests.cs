using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Projects;
using PlanPulse.App.Tests.Portfolio;
using PlanPulse.Domain.Periods;

namespace PlanPulse.App.Tests.Projects;

/// <summary>The project page evaluates one project alone; its colour and figures must equal the whole list's.</summary>
public sealed class ProjectDetailTests(DemoOnBothDatabases demo) : IClassFixture<DemoOnBothDatabases>
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DetailAsync_EveryTenthDemoProject_SameAsInTheList(string database)
    {
        var source = database == "sqlite" ? demo.Sqlite : demo.Postgres;
        await using var db = source.NewContext();
        var month = new YearMonth(2023, 6);
        var list = await PortfolioEvaluator.EvaluateAsync(db, month);

        foreach (var p in list.Projects.Where((_, i) => i % 10 == 0))
        {
            var detail = await ProjectQueries.DetailAsync(db, p.Id, month);
            Assert.NotNull(detail);
            Assert.Equal(p.Colour.ToString().ToLowerInvariant(), detail.Project.Colour);
            Assert.Equal(p.Verdict.Reason, detail.Project.Reason);
            Assert.Equal(p.Completed, detail.Project.Completed);
            Assert.Equal(6, detail.Months.Count);
            Assert.Equal(p.Completed, detail.Months[^1].Cumulative);
        }
    }

    /// <summary>
    /// A milestone reached in a later month is not on an earlier month's page (June showed July's 入库): every
    /// milestone the page shows as reached was reached in or before the shown month, and one reached later shows as
    /// not reached yet.
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task DetailAsync_MilestonesReachedAfterTheShownMonth_AreNotShownAsReached(string database)
    {
        var source = database == "sqlite" ? demo.Sqlite : demo.Postgres;
        await using var db = source.NewContext();
        var later = await db.ReachedMilestones.AsNoTracking()
            .Where(r => r.Month > 202301 && r.Month <= 202311 && r.Month / 100 == 2023)
            .OrderBy(r => r.Id).FirstAsync();
        var before = YearMonth.FromId(later.Month).AddMonths(-1);

        var atReach = await ProjectQueries.DetailAsync(db, later.ProjectId, YearMonth.FromId(later.Month));
        var earlier = await ProjectQueries.DetailAsync(db, later.ProjectId, before);

        Assert.NotNull(atReach);
        Assert.NotNull(earlier);
        Assert.Contains(atReach.Milestones, m => m.Kind == later.Kind.ToString() && m.ReachedMonth == later.Month);
        Assert.DoesNotContain(earlier.Milestones, m => m.Kind == later.Kind.ToString() && m.ReachedMonth is not null);
        Assert.All(earlier.Milestones, m => Assert.True(m.ReachedMonth is null || m.ReachedMonth <= before.Id, $"{m.Name} reached {m.ReachedMonth} shown on {before.Id}"));
    }
}
