using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Features.Demo;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Demo;

/// <summary>The demo portfolio matches every aggregate the seed report publishes, on both databases.</summary>
public sealed class DemoDataTests
{
    private static readonly YearMonth _june = new(2023, 6);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task GetSummary_DemoJune2023_MatchesSeedAggregates(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var s = await PortfolioSummary.GetAsync(db, _june, null);

        Assert.Equal(2023, s.Year);
        Assert.Equal(6, s.Month);
        Assert.Equal("annual-major", s.List);
        Assert.Equal(220, s.Projects);
        Assert.Equal(29_640_000m, s.TotalInvestment);
        Assert.Equal(3_320_000m, s.AnnualPlan);
        Assert.Equal(0.5m, s.TimeProgress);
        Assert.True(s.DemoData);
        var c = s.Colours;
        Assert.Equal(220, c.Blue + c.Green + c.Yellow + c.Red + c.Grey);

        Assert.Collection(
            s.Tracks,
            t => AssertTrack(t, "具有全球影响力的新材料高地", 92, 11_260_000m, 2_010_000m),
            t => AssertTrack(t, "世界级运动康养旅游目的地", 48, 7_020_000m, 380_000m),
            t => AssertTrack(t, "中国长寿生命科学城", 80, 11_360_000m, 930_000m));
        Assert.Equal(s.Completed, s.Tracks.Sum(t => t.Completed));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Load_Demo_ListsMatchSeed(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var annual = await ListMembersAsync(db, "annual-major");
        var special = await ListMembersAsync(db, "special-major");
        var livelihood = await ListMembersAsync(db, "livelihood");

        Assert.Equal(220, annual.Count);
        Assert.Equal(65, special.Count);
        Assert.Equal(60, special.Intersect(annual).Count());
        Assert.Equal(21, livelihood.Count);
        var livelihoodPlan = await db.AnnualPlans.Where(a => a.Year == 2023 && livelihood.Contains(a.ProjectId)).Select(a => a.PlannedInvestment).ToListAsync();
        Assert.Equal(21, livelihoodPlan.Count);
        Assert.Equal(77_000m, livelihoodPlan.Sum());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Load_Demo_SixtyEightCommissionersOneProjectEach(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var served = await db.Projects.Where(p => p.CommissionerId != null).Select(p => p.CommissionerId!.Value).ToListAsync();

        Assert.Equal(68, served.Count);
        Assert.Equal(68, served.Distinct().Count());
        Assert.DoesNotContain(served.GroupBy(id => id), g => g.Count() > 1);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Load_Demo_NineteenTownsAndFourCommands(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var towns = await db.Units.CountAsync(u => u.Type == UnitType.Town);
        var commands = await db.Units.Where(u => u.Type == UnitType.Command).ToListAsync();
        var tracks = await db.Tracks.Where(t => t.Year == 2023).ToListAsync();

        Assert.Equal(19, towns);
        Assert.Equal(4, commands.Count);
        var general = Assert.Single(commands, u => u.ParentId is null);
        var trackCommands = commands.Where(u => u.ParentId is not null).ToList();
        Assert.Equal(3, trackCommands.Count);
        Assert.All(trackCommands, u => Assert.Equal(general.Id, u.ParentId));
        Assert.All(trackCommands, u => Assert.StartsWith(general.Path, u.Path, StringComparison.Ordinal));
        Assert.Equal(3, tracks.Count);
        Assert.Equal(
            trackCommands.Select(u => u.Id).Order(),
            tracks.Select(t => t.CommandId!.Value).Order());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Load_Twice_ReplacesItselfWithIdenticalData(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var first = await LoadAndDescribeAsync(database);
        var second = await LoadAndDescribeAsync(database);

        Assert.Equal(first.Counts, second.Counts);
        Assert.Equal(first.Codes, second.Codes);
        Assert.Equal(first.Summary, second.Summary);
        Assert.Equal(first.Rankings, second.Rankings);
    }

    private static async Task<(string Counts, string[] Codes, string Summary, string Rankings)> LoadAndDescribeAsync(TestDatabase database)
    {
        await using (var load = database.NewContext())
        {
            var result = await DemoData.LoadAsync(load);
            Assert.Equal(246, result.Projects);
        }

        await using var db = database.NewContext();
        var counts = string.Join(
            ",",
            await db.Units.CountAsync(),
            await db.People.CountAsync(),
            await db.Tracks.CountAsync(),
            await db.ProjectLists.CountAsync(),
            await db.ProjectListEntries.CountAsync(),
            await db.Projects.CountAsync(),
            await db.AnnualPlans.CountAsync(),
            await db.PlannedMilestones.CountAsync(),
            await db.MonthlyReports.CountAsync(),
            await db.ReachedMilestones.CountAsync(),
            await db.Problems.CountAsync(),
            await db.Settings.CountAsync());
        var codes = await db.Projects.OrderBy(p => p.Code).Select(p => p.Code).ToArrayAsync();
        var june = await PortfolioSummary.GetAsync(db, _june, null);
        Assert.Equal((220, 29_640_000m, 3_320_000m), (june.Projects, june.TotalInvestment, june.AnnualPlan));
        var summary = TestJson.Serialize(june);
        var rankings = TestJson.Serialize(await Rankings.GetAsync(db, _june, null, null));
        return (counts, codes, summary, rankings);
    }

    private static void AssertTrack(GroupDto track, string name, int projects, decimal total, decimal annual)
    {
        Assert.Equal(name, track.Name);
        Assert.Equal(projects, track.Projects);
        Assert.Equal(total, track.TotalInvestment);
        Assert.Equal(annual, track.AnnualPlan);
        Assert.Equal(projects, track.Colours.Blue + track.Colours.Green + track.Colours.Yellow + track.Colours.Red + track.Colours.Grey);
    }

    private static Task<List<int>> ListMembersAsync(PlanPulse.App.Data.AppDbContext db, string code) =>
        db.ProjectListEntries.Where(e => e.ProjectList!.Year == 2023 && e.ProjectList.Code == code).Select(e => e.ProjectId).ToListAsync();
}
