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
}
