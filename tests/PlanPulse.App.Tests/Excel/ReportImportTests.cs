using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Excel;

public sealed class ReportImportTests
{
    private const string Sheet = "2月月报";

    /// <summary>10:00 on 10 March 2023, Beijing time: February is open, April is the future.</summary>
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2023, 3, 10, 10, 0, 0, ReportingCalendar.ChinaOffset));

    private static MemoryStream Messy() => MessySheet.Build(Sheet,
    [
        ["测试部门2023年2月重大项目完成投资情况", null, null, null, null],   // 1
        ["项目编号", "项目名称", "本月完成投资\n(万元)", "形象进度", "核减说明"],  // 2
        ["P-1", "测试项目P-1", "1,200.5", "主体施工", null],                   // 3
        ["P-2", "测试项目P-2", "-50", "调整", null],                           // 4 negative without a note
        ["NOPE", "没有的项目", 10d, null, null],                              // 5
        ["P-1", "测试项目P-1", "约300", null, null],                           // 6 duplicate and approximate
        ["合计", null, "1,150.5", null, null],                                 // 7
    ]);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_PreviewAndCommitWithProblems_ListEveryProblemAndSaveNothing(string provider)
    {
        await using var database = await ProjectImportTests.CreateAsync(provider);
        var expected = new ExcelProblem[]
        {
            new(Sheet, 4, "本月完成投资\n(万元)", "C", "本月完成投资为负数会使累计完成下降,须填写核减说明"),
            new(Sheet, 5, "项目编号", "A", "项目不存在或不在您的填报范围内:NOPE"),
            new(Sheet, 6, "项目编号", "A", "项目代码“P-1”与第3行重复"),
            new(Sheet, 6, "本月完成投资\n(万元)", "C", "“约300”是约数,无法准确读取金额,请填写确数"),
        };

        foreach (var mode in new[] { ImportMode.Preview, ImportMode.Commit })
        {
            await using var db = database.NewContext();
            using var xlsx = Messy();
            var result = await ReportImport.RunAsync(db, xlsx, new ImportOptions(mode), "2023-02", null, "tester", Clock);

            Assert.False(result.Saved);
            Assert.Equal(expected, result.Problems);
            Assert.Equal(new ImportSummary(4, 1, 0, 0, 3, 1), result.Summary);
        }

        await using var check = database.NewContext();
        Assert.Equal(0, await check.MonthlyReports.CountAsync());
        Assert.Equal(0, await check.AuditEntries.CountAsync(a => a.Entity == nameof(MonthlyReport)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_KeepValidThenSameFileAgain_SavesOnceAndKeepsSubmissionTime(string provider)
    {
        await using var database = await ProjectImportTests.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            using var xlsx = Messy();
            var result = await ReportImport.RunAsync(db, xlsx, new ImportOptions(ImportMode.Commit, KeepValid: true), "202302", null, "tester", Clock);
            Assert.True(result.Saved);
            Assert.Equal(["P-2", "NOPE", "P-1"], MessySheet.ReadRows(result.RejectedWorkbook!).Select(r => r["项目编号"]));
        }

        await using (var check = database.NewContext())
        {
            var report = await check.MonthlyReports.SingleAsync();
            Assert.Equal((202302, 1200.5m, "主体施工", ReportStatus.Submitted, "tester"), (report.Month, report.Amount, report.Progress, report.Status, report.SubmittedBy));
        }

        var before = await ProjectImportTests.StateAsync(database);
        var later = new FakeTimeProvider(Clock.GetUtcNow().AddDays(1));
        await using (var db = database.NewContext())
        {
            using var only = MessySheet.Build(Sheet, [["项目代码", "本月完成投资", "形象进度"], ["P-1", 1200.5d, "主体施工"]], mergeTitle: false);
            var again = await ReportImport.RunAsync(db, only, new ImportOptions(ImportMode.Commit), "2023-02", null, "tester", later);
            Assert.Equal(new ImportSummary(1, 0, 0, 1, 0, 0), again.Summary);
        }

        Assert.Equal(before, await ProjectImportTests.StateAsync(database));
        await using var after = database.NewContext();
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, (await after.MonthlyReports.SingleAsync()).SubmittedAt);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_ReporterNamesAnotherUnitsProject_RejectedAsOutOfScope(string provider)
    {
        await using var database = await ProjectImportTests.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            var other = new Unit { Code = "E", Name = "其他部门", Type = UnitType.Department, Path = "/E/" };
            db.Projects.Add(new Project { Code = "P-3", Name = "别人的项目", ResponsibleUnit = other, TotalInvestment = 1m, Phase = Phase.Continuing });
            await db.SaveChangesAsync();
        }

        await using var reporter = database.NewContext();
        reporter.ApplyScope(DataScope.ForUnit("/D/"));
        using var xlsx = MessySheet.Build(Sheet, [["项目代码", "本月完成投资"], ["P-1", 10d], ["P-3", 10d]], mergeTitle: false);
        var result = await ReportImport.RunAsync(reporter, xlsx, new ImportOptions(ImportMode.Commit), "2023-02", null, "reporter", Clock);

        Assert.False(result.Saved);
        Assert.Equal([new ExcelProblem(Sheet, 3, "项目代码", "A", "项目不存在或不在您的填报范围内:P-3")], result.Problems);
        Assert.Equal(0, await reporter.MonthlyReports.IgnoreQueryFilters().CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_LockedOrFutureMonth_OneProblemAndNothingSaved(string provider)
    {
        await using var database = await ProjectImportTests.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await MonthLocks.LockAsync(db, new(2023, 1), "计划科", "1月已发布", Clock);
        }

        foreach (var (month, message) in new[] { ("2023-01", "2023年1月已锁定,需由计划科重新开放后才能修改"), ("2023-04", "不能填报未来月份:2023年4月"), ("2023-13", "月份格式应为 yyyyMM 或 yyyy-MM,收到“2023-13”") })
        {
            await using var db = database.NewContext();
            using var xlsx = MessySheet.Build(Sheet, [["项目代码", "本月完成投资"], ["P-1", 10d]], mergeTitle: false);
            var result = await ReportImport.RunAsync(db, xlsx, new ImportOptions(ImportMode.Commit), month, null, "tester", Clock);
            Assert.Equal(message, Assert.Single(result.Problems).Message);
            Assert.Equal(0, await db.MonthlyReports.CountAsync());
        }
    }
}
