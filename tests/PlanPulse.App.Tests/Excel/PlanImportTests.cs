using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Excel;

public sealed class PlanImportTests
{
    private const string Sheet = "2023年计划";

    private static readonly int Year = SmallPortfolio.Year;

    /// <summary>Header as an office types it: 亿元 for the year's plan, 万元 for the curve, a full-width "１月", other names.</summary>
    private static readonly object?[] Header =
    [
        "序号", "项目编号", "项目名称", "年度计划(亿元)", "开工累计完成(万元)",
        "１月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "计划开工时间", "计划竣工月份",
    ];

    private static object?[] Curve(params object?[] months) => months;

    private static readonly object?[] Even1200 = Curve(100d, 200d, 300d, 400d, 500d, 600d, 700d, 800d, 900d, "1,000", "1,100", "１,２００");

    private static readonly object?[] NoCurve = new object?[12];

    private static object?[] Line(object? number, string code, object? planned, object? before, object?[] curve, object? start = null, object? finish = null) =>
        [number, code, $"项目{code}", planned, before, .. curve, start, finish];

    /// <summary>P-1 updated and P-9 created among every kind of bad row; row numbers are Excel's.</summary>
    private static MemoryStream MessyPlans() => MessySheet.Build(Sheet,
    [
        ["2023年重大建设项目年度投资计划"],                                                                                   // 1
        Header,                                                                                                              // 2
        ["一、新材料高地专项"],                                                                                               // 3
        Line(1, "P-1", "0.12", "３,０００", Even1200, "2023-03", "12月"),                                                     // 4
        Line(2, "N-1", "0.1", 0d, NoCurve),                                                                                  // 5 unknown code
        Line(3, "P-3", "0.1", 0d, Curve(100d, 200d, 300d, 400d, 300d, 600d, 700d, 800d, 900d, 950d, 980d, 1000d)),            // 6 May falls
        Line(4, "P-4", "0.1", 0d, Curve(0d, 0d, 100d, 200d, 300d, 400d, 500d, 600d, 700d, 800d, 850d, 900d)),                 // 7 December ≠ plan
        Line(5, "P-5", "-0.1", 0d, NoCurve),                                                                                 // 8 negative
        Line(6, "P-6", "0.1", 0d, NoCurve, "2024-02"),                                                                       // 9 start outside the year
        Line(7, "P-2", "0.2", 0d, NoCurve),                                                                                  // 10 P-2 twice
        Line(8, "P-2", "0.25", 0d, NoCurve),                                                                                 // 11
        ["合计", null, null, "0.87"],                                                                                         // 12
        Line(9, "P-7", "0.05", "约100", NoCurve),                                                                            // 13 approximate
        Line(10, "P-8", "0.1", 0d, Curve(100d, null, 300d, 400d, 500d, 600d, 700d, 800d, 900d, 950d, 980d, 1000d)),           // 14 February blank
        Line(11, "P-9", "0.08", 0d, NoCurve, "3月"),                                                                          // 15 new plan
    ]);

    private static readonly ExcelProblem[] ExpectedProblems =
    [
        new(Sheet, 5, "项目编号", "B", "项目库中没有项目代码“N-1”,请先导入项目库或核对代码"),
        new(Sheet, 6, "5月", "J", "5月计划累计完成(300)小于4月(400):累计数应逐月不减"),
        new(Sheet, 7, "12月", "Q", "12月计划累计完成(900)应等于年度计划投资(1000)"),
        new(Sheet, 8, "年度计划(亿元)", "D", "年度计划投资不能为负数:-1000"),
        new(Sheet, 9, "计划开工时间", "R", "计划开工月份2024年2月不在2023年内:年度计划只列本年的节点"),
        new(Sheet, 10, "项目编号", "B", "项目代码“P-2”与第11行重复"),
        new(Sheet, 11, "项目编号", "B", "项目代码“P-2”与第10行重复"),
        new(Sheet, 13, "开工累计完成(万元)", "E", "“约100”是约数,无法准确读取金额,请填写确数"),
        new(Sheet, 14, "2月", "G", "月度计划累计完成缺少2月:12个月都要填(尚无计划投资的月份填 0),或全部留空按序时进度"),
    ];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_PreviewAndCommitOfMessySheet_ListEveryProblemAndSaveNothing(string provider)
    {
        await using var database = await CreateAsync(provider);
        var before = await StateAsync(database);

        foreach (var mode in new[] { ImportMode.Preview, ImportMode.Commit })
        {
            await using var db = database.NewContext();
            using var xlsx = MessyPlans();
            var result = await PlanImport.RunAsync(db, xlsx, new ImportOptions(mode), Year);

            Assert.False(result.Saved);
            Assert.Equal(ExpectedProblems, result.Problems);
            Assert.Equal(new ImportSummary(Rows: 11, Created: 1, Updated: 1, Unchanged: 0, Rejected: 9, Skipped: 2), result.Summary);
            Assert.Null(result.RejectedWorkbook);
        }

        Assert.Equal(before, await StateAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_KeepValid_SavesValidRowsWithAuditAndReturnsRejectedRowsWithReason(string provider)
    {
        await using var database = await CreateAsync(provider);
        var auditBefore = await AuditCountAsync(database);

        await using (var db = database.NewContext())
        {
            using var xlsx = MessyPlans();
            var result = await PlanImport.RunAsync(db, xlsx, new ImportOptions(ImportMode.Commit, KeepValid: true), Year);

            Assert.True(result.Saved);
            Assert.Equal(ExpectedProblems, result.Problems);
            var rejected = MessySheet.ReadRows(result.RejectedWorkbook!);
            Assert.Equal([5, 6, 7, 8, 9, 10, 11, 13, 14], rejected.Select(r => Convert.ToInt32(r[RejectedRows.RowHeader], CultureInfo.InvariantCulture)));
            Assert.Equal("约100", rejected[7]["开工累计完成(万元)"]);
            Assert.Equal("Q列(12月):12月计划累计完成(900)应等于年度计划投资(1000)", rejected[2][RejectedRows.ReasonHeader]);
        }

        await using var check = database.NewContext();
        var plans = await check.AnnualPlans.Include(a => a.Project).Include(a => a.Milestones).Where(a => a.Year == Year).ToDictionaryAsync(a => a.Project!.Code);
        var p1 = plans["P-1"];
        Assert.Equal((1200m, 3000m, 1), (p1.PlannedInvestment, p1.CompletedBeforeYear, p1.Version));
        Assert.Equal(Enumerable.Range(1, 12).Select(m => m * 100m), p1.MonthlyCumulative!);
        Assert.Equal([(MilestoneKind.Start, 202303), (MilestoneKind.Completion, 202312)], p1.Milestones.OrderBy(m => m.Kind).Select(m => (m.Kind, m.DueMonth)));
        var p9 = plans["P-9"];
        Assert.Equal((800m, 0m, 0), (p9.PlannedInvestment, p9.CompletedBeforeYear, p9.Version));
        Assert.Null(p9.MonthlyCumulative);
        Assert.Equal((MilestoneKind.Start, 202303), Assert.Single(p9.Milestones.Select(m => (m.Kind, m.DueMonth))));
        Assert.Equal((1200m, 0), (plans["P-2"].PlannedInvestment, plans["P-2"].Version));
        Assert.False(plans.ContainsKey("P-3"));

        // One audit row per real change: P-1 updated, P-9 created, three milestones created.
        var audit = await check.AuditEntries.OrderBy(a => a.Id).Skip(auditBefore).Select(a => new { a.Entity, a.Action }).ToListAsync();
        Assert.Equal(
            [("AnnualPlan", "Created"), ("AnnualPlan", "Updated"), ("PlannedMilestone", "Created"), ("PlannedMilestone", "Created"), ("PlannedMilestone", "Created")],
            audit.Select(a => (a.Entity, a.Action)).Order());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_SameFileTwiceInALockedMonth_SecondChangesNothing_BlankCellsThenClear(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            // Locks close monthly reports; a year's plan is not a monthly report.
            await MonthLocks.LockAsync(db, new YearMonth(Year, 1), "计划科", "1月已发布", new FakeTimeProvider(new DateTimeOffset(2023, 2, 10, 0, 0, 0, TimeSpan.Zero)));
        }

        byte[] file;
        using (var xlsx = MessySheet.Build(Sheet, [Header, Line(1, "P-1", "0.12", 3000d, Even1200, "2023-03", "十二月"), Line(2, "P-9", 800d, 0d, NoCurve, 3d)], mergeTitle: false))
        {
            file = xlsx.ToArray();
        }

        await using (var db = database.NewContext())
        {
            var first = await PlanImport.RunAsync(db, new MemoryStream(file), new ImportOptions(ImportMode.Commit), Year);
            Assert.Empty(first.Problems);
            Assert.Equal(new ImportSummary(2, 1, 1, 0, 0, 0), first.Summary);
        }

        var before = await StateAsync(database);
        await using (var db = database.NewContext())
        {
            var second = await PlanImport.RunAsync(db, new MemoryStream(file), new ImportOptions(ImportMode.Commit), Year);
            Assert.True(second.Saved);
            Assert.Equal(new ImportSummary(2, 0, 0, 2, 0, 0), second.Summary);
        }

        Assert.Equal(before, await StateAsync(database));

        // A present column with blank cells clears: no curve (months ÷ 12), no start; the absent 计划竣工 column stays.
        await using (var db = database.NewContext())
        {
            object?[] header = ["项目代码", "年度计划投资", .. Header[5..18]];
            using var blanks = MessySheet.Build(Sheet, [header, ["P-1", 1200d, .. NoCurve, null]], mergeTitle: false);
            var third = await PlanImport.RunAsync(db, blanks, new ImportOptions(ImportMode.Commit), Year);
            Assert.Empty(third.Problems);
            Assert.Equal(new ImportSummary(1, 0, 1, 0, 0, 0), third.Summary);
        }

        await using var check = database.NewContext();
        var p1 = await check.AnnualPlans.Include(a => a.Milestones).SingleAsync(a => a.Project!.Code == "P-1");
        Assert.Null(p1.MonthlyCumulative);
        Assert.Equal(3000m, p1.CompletedBeforeYear);
        Assert.Equal((MilestoneKind.Completion, 202312), Assert.Single(p1.Milestones.Select(m => (m.Kind, m.DueMonth))));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_SomeMonthColumnsMissing_OneHeaderProblem(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using var db = database.NewContext();
        using var xlsx = MessySheet.Build(Sheet, [["项目代码", "年度计划投资", "1月", "2月", "12月"], ["P-1", 1200d, 100d, 200d, 1200d]], mergeTitle: false);

        var result = await PlanImport.RunAsync(db, xlsx, new ImportOptions(ImportMode.Commit), Year);

        Assert.False(result.Saved);
        Assert.Equal([new ExcelProblem(Sheet, 1, null, null, "月度计划累计完成应有1月至12月共12列,缺少3月、4月、5月、6月、7月、8月、9月、10月、11月")], result.Problems);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_SomeoneSavesThePlanMeanwhile_NothingSavedAndAskedToPreviewAgain(string provider)
    {
        await using var database = await CreateAsync(provider);
        static MemoryStream Plan(double amount) => MessySheet.Build(Sheet, [["项目代码", "年度计划投资"], ["P-1", amount]], mergeTitle: false);

        // B reads P-1's plan (version 0) and pauses; A saves it as version 1; B then saves what it read as version 0.
        var pause = new PauseAfterRead("AnnualPlans");
        await using var a = database.NewContext();
        await using var b = database.NewContext(pause);
        var bTask = Task.Run(async () => await PlanImport.RunAsync(b, Plan(1500), new ImportOptions(ImportMode.Commit), Year));
        await pause.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        var winner = await PlanImport.RunAsync(a, Plan(1400), new ImportOptions(ImportMode.Commit), Year);
        pause.Release();
        var loser = await bTask;

        Assert.True(winner.Saved);
        Assert.False(loser.Saved);
        Assert.Equal(ImportSteps.ConflictMessage, Assert.Single(loser.Problems).Message);
        await using var check = database.NewContext();
        var saved = await check.AnnualPlans.SingleAsync(p => p.Project!.Code == "P-1");
        Assert.Equal((1400m, 1), (saved.PlannedInvestment, saved.Version));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task PlansExportThenImport_ChangesNothing(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        byte[] file;
        int plans;
        await using (var db = database.NewContext())
        {
            file = await ExcelExport.PlansAsync(db, 2023);
            plans = await db.AnnualPlans.CountAsync(a => a.Year == 2023);
        }

        var before = await StateAsync(database);
        await using (var db = database.NewContext())
        {
            var result = await PlanImport.RunAsync(db, new MemoryStream(file), new ImportOptions(ImportMode.Commit), 2023);

            Assert.Empty(result.Problems);
            Assert.True(result.Saved);
            Assert.Equal(new ImportSummary(plans, 0, 0, plans, 0, 0), result.Summary);
        }

        Assert.True(plans > 100, $"only {plans} plans exported");
        Assert.Equal(before, await StateAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task PlansTemplate_YearsProjectsPrefilled_InstructionsAndMonthDropDowns(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using var db = database.NewContext();

        var file = await ExcelTemplates.PlansAsync(db, Year);

        using (var doc = SpreadsheetDocument.Open(new MemoryStream(file), false))
        {
            var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal([PlanImport.SheetName, ExcelTemplates.InstructionsSheet, ExcelTemplates.OptionsSheet], sheets.Select(s => s.Name!.Value));
            Assert.Equal(SheetStateValues.Hidden, sheets[2].State!.Value);
            var main = (WorksheetPart)doc.WorkbookPart.GetPartById(sheets[0].Id!);
            var validations = main.Worksheet.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v.Formula1!.Text);
            Assert.Equal(["Q2:Q5000", "R2:R5000", "S2:S5000", "T2:T5000", "U2:U5000"], validations.Keys.Order());
            Assert.Equal("'选项'!$A$2:$A$13", validations["Q2:Q5000"]); // 计划开工月份: the year's twelve months
        }

        var rows = MessySheet.ReadRows(file);
        Assert.Equal(
            ["项目代码*", "项目名称", "年度计划投资*(万元)", "开工累计完成(万元)", "1月计划累计完成(万元)", "12月计划累计完成(万元)", "计划开工月份", "计划投产月份"],
            new[] { 0, 1, 2, 3, 4, 15, 16, 20 }.Select(i => rows[0].Keys.ElementAt(i)));

        // P-1 and P-2 are on the year's list; P-3 … P-9 are in the library but not planned for the year.
        Assert.Equal(["P-1", "P-2"], rows.Select(r => r["项目代码*"]));
        var options = MessySheet.ReadRows(file, ExcelTemplates.OptionsSheet);
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"2023-{m:00}"), options.Select(o => o["计划开工月份"]));

        await using var import = database.NewContext();
        var result = await PlanImport.RunAsync(import, new MemoryStream(file), new ImportOptions(ImportMode.Preview), Year);
        Assert.Equal(["年度计划投资不能为空(本年没有计划投资请填 0)", "年度计划投资不能为空(本年没有计划投资请填 0)"], result.Problems.Select(p => p.Message));
        Assert.Equal([2, 3], result.Problems.Select(p => p.Row));
    }

    /// <summary>The small portfolio plus P-3 … P-9 in the library without a plan for the year.</summary>
    private static async Task<TestDatabase> CreateAsync(string provider)
    {
        var database = await ProjectImportTests.CreateAsync(provider);
        await using var db = database.NewContext();
        var unit = await db.Units.SingleAsync(u => u.Code == "D");
        for (var i = 3; i <= 9; i++)
        {
            db.Projects.Add(new Project { Code = $"P-{i}", Name = $"测试项目P-{i}", ResponsibleUnitId = unit.Id, Phase = Phase.Preparation, TotalInvestment = 5_000m });
        }

        await db.SaveChangesAsync();
        return database;
    }

    private static async Task<int> AuditCountAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.AuditEntries.CountAsync();
    }

    /// <summary>Everything a plan import could touch: plans with versions and curves, milestones, audit entries.</summary>
    private static async Task<string> StateAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var plans = await db.AnnualPlans.OrderBy(a => a.ProjectId).ThenBy(a => a.Year).Select(a => new { a.ProjectId, a.Year, a.PlannedInvestment, a.CompletedBeforeYear, a.MonthlyCumulative, a.Version }).ToListAsync();
        var milestones = await db.PlannedMilestones.OrderBy(m => m.Id).Select(m => $"{m.AnnualPlanId}:{m.Kind}:{m.DueMonth}").ToListAsync();
        return string.Join(
            "|",
            string.Join(",", plans.Select(a => $"{a.ProjectId}:{a.Year}:{a.PlannedInvestment}:{a.CompletedBeforeYear}:{(a.MonthlyCumulative is { } c ? string.Join(";", c) : "-")}:{a.Version}")),
            string.Join(",", milestones),
            await db.AuditEntries.CountAsync());
    }
}
