using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Support;

/// <summary>
/// A tiny 2023 annual-major list for tests that submit reports: projects P-1 and P-2, each with an annual plan of
/// 1200 万元 and no planned start or curve, so only the progress and report rules can fire.
/// </summary>
public static class SmallPortfolio
{
    public const int Year = 2023;

    public const string First = "P-1";

    public const string Second = "P-2";

    public const decimal AnnualPlan = 1200m;

    public static async Task SeedAsync(AppDbContext db)
    {
        var command = new Unit { Code = "C", Name = "测试指挥部", Type = UnitType.Command, Path = "/C/" };
        var department = new Unit { Code = "D", Name = "测试部门", Type = UnitType.Department, Path = "/D/" };
        var town = new Unit { Code = "T", Name = "测试街道", Type = UnitType.Town, Path = "/T/" };
        var track = new Track { Year = Year, Code = "track", Name = "测试专项", Command = command, SortOrder = 1 };
        var list = new ProjectList { Year = Year, Code = PortfolioEvaluator.AnnualMajorList, Name = "年度重大建设项目", SortOrder = 1 };
        db.AddRange(command, department, town, track, list);
        foreach (var code in new[] { First, Second })
        {
            var project = new Project
            {
                Code = code,
                Name = $"测试项目{code}",
                Track = track,
                Phase = Phase.Continuing,
                Town = town,
                ResponsibleUnit = department,
                Command = command,
                TotalInvestment = 10_000m,
            };
            list.Entries.Add(new ProjectListEntry { ProjectList = list, Project = project });
            db.AnnualPlans.Add(new AnnualPlan { Project = project, Year = Year, PlannedInvestment = AnnualPlan });
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
