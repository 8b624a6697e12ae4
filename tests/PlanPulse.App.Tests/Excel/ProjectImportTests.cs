using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Excel;

public sealed class ProjectImportTests
{
    private const string Sheet = "项目库2023";

    private static readonly object?[] Header = ["序号", "项目编号", "名称", "责任单位", "总投资(亿元)", "所属专项", "所属清单", "项目阶段", "所在街镇", "计划开工", "计划竣工"];

    /// <summary>Two good rows (one new, one update of P-1) among every kind of bad one; row numbers are Excel's.</summary>
    private static MemoryStream MessyLibrary() => MessySheet.Build(Sheet,
    [
        ["2023年重大建设项目库(截至3月)", null, null, null, null, null, null, null, null, null, null],         // 1
        Header,                                                                                                       // 2
        [1, "N-1", "新项目一", "测试部门", "1.5", "测试专项", "年度重大建设项目", "前期", "测试街道", "2023-03", "2024年12月"], // 3
        [2, "P-1", "测试项目P-1(改名)", "测试部门", "１", "测试专项", "年度重大建设项目", "续建", "测试街道", null, null],     // 4
        [3, "N-2", "重复一", "测试部门", 1d, "测试专项", null, "前期", null, null, null],                              // 5
        [4, "N-2", "重复二", "测试部门", 1d, "测试专项", null, "前期", null, null, null],                              // 6
        [5, "N-3", "未知单位的项目", "不存在局", 1d, null, null, "前期", null, null, null],                            // 7
        [6, "N-4", "约数项目", "测试部门", "约3亿", null, null, "前期", null, null, null],                             // 8
        ["合计", null, null, null, "5.5", null, null, null, null, null, null],                                        // 9
        [7, "N-5", "属地填错的项目", "测试部门", 1d, null, null, "续建", "测试部门", null, null],                      // 10
        [8, "N-6", "阶段填错的项目", "测试部门", 1d, null, null, "施工中", null, null, null],                          // 11
    ]);

    private static readonly ExcelProblem[] ExpectedProblems =
    [
        new(Sheet, 5, "项目编号", "B", "项目代码“N-2”与第6行重复"),
        new(Sheet, 6, "项目编号", "B", "项目代码“N-2”与第5行重复"),
        new(Sheet, 7, "责任单位", "D", "系统中没有单位“不存在局”,请先在系统中建立或核对名称"),
        new(Sheet, 8, "总投资(亿元)", "E", "“约3亿”是约数,无法准确读取金额,请填写确数"),
        new(Sheet, 10, "所在街镇", "I", "“测试部门”不是街镇"),
        new(Sheet, 11, "项目阶段", "H", "未知的项目阶段“施工中”,应为 储备、前期、新开工、续建、竣工、投产 之一"),
    ];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_PreviewOfMessySheet_ListsEveryProblemAndSavesNothing(string provider)
    {
        await using var database = await CreateAsync(provider);
        var before = await StateAsync(database);

        await using var db = database.NewContext();
        using var xlsx = MessyLibrary();
        var result = await ProjectImport.RunAsync(db, xlsx, new ImportOptions(ImportMode.Preview), SmallPortfolio.Year);

        Assert.False(result.Saved);
        Assert.Equal(ExpectedProblems, result.Problems);
        Assert.Equal(new ImportSummary(Rows: 8, Created: 1, Updated: 1, Unchanged: 0, Rejected: 6, Skipped: 1), result.Summary);
        Assert.Null(result.RejectedWorkbook);
        Assert.Equal(before, await StateAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_CommitWithProblems_SavesNothing(string provider)
    {
        await using var database = await CreateAsync(provider);
        var before = await StateAsync(database);

        await using var db = database.NewContext();
        using var xlsx = MessyLibrary();
        var result = await ProjectImport.RunAsync(db, xlsx, new ImportOptions(ImportMode.Commit), SmallPortfolio.Year);

        Assert.False(result.Saved);
        Assert.Equal(ExpectedProblems, result.Problems);
        Assert.Equal(before, await StateAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_KeepValid_SavesValidRowsAndReturnsRejectedRowsWithReason(string provider)
    {
        await using var database = await CreateAsync(provider);

        await using (var db = database.NewContext())
        {
            using var xlsx = MessyLibrary();
            var result = await ProjectImport.RunAsync(db, xlsx, new ImportOptions(ImportMode.Commit, KeepValid: true), SmallPortfolio.Year);

            Assert.True(result.Saved);
            Assert.Equal(ExpectedProblems, result.Problems);
            var rejected = MessySheet.ReadRows(result.RejectedWorkbook!);
            Assert.Equal([5, 6, 7, 8, 10, 11], rejected.Select(r => Convert.ToInt32(r[RejectedRows.RowHeader], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(["N-2", "N-2", "N-3", "N-4", "N-5", "N-6"], rejected.Select(r => r["项目编号"]));
            Assert.Equal("约3亿", rejected[3]["总投资(亿元)"]);
            Assert.Equal("E列(总投资(亿元)):“约3亿”是约数,无法准确读取金额,请填写确数", rejected[3][RejectedRows.ReasonHeader]);
            Assert.Equal("I列(所在街镇):“测试部门”不是街镇", rejected[4][RejectedRows.ReasonHeader]);
        }

        await using var check = database.NewContext();
        var projects = await check.Projects.Include(p => p.Lists).ThenInclude(e => e.ProjectList).Include(p => p.Town).OrderBy(p => p.Code).ToListAsync();
        Assert.Equal(["N-1", "P-1", "P-2"], projects.Select(p => p.Code));
        var created = projects[0];
        Assert.Equal("新项目一", created.Name);
        Assert.Equal(15_000m, created.TotalInvestment);
        Assert.Equal(Phase.Preparation, created.Phase);
        Assert.Equal("测试街道", created.Town!.Name);
        Assert.Equal(new DateOnly(2023, 3, 1), created.PlannedStart);
        Assert.Equal(new DateOnly(2024, 12, 1), created.PlannedFinish);
        Assert.Equal(["annual-major"], created.Lists.Select(l => l.ProjectList!.Code));
        Assert.Equal("测试项目P-1(改名)", projects[1].Name);
        Assert.Equal(1, projects[1].Version);
        Assert.Equal(0, projects[2].Version);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_SameFileTwice_SecondChangesNothing(string provider)
    {
        await using var database = await CreateAsync(provider);
        byte[] file;
        using (var xlsx = MessySheet.Build(Sheet,
        [
            Header,
            [1, "N-1", "新项目一", "测试部门", "1.5", "测试专项", "年度重大建设项目", "前期", "测试街道", "2023-03-01", null],
            [2, "P-1", "测试项目P-1", "测试部门", "1", "测试专项", "年度重大建设项目", "新开工", "测试街道", null, null],
        ], mergeTitle: false))
        {
            file = xlsx.ToArray();
        }

        await using (var db = database.NewContext())
        {
            var first = await ProjectImport.RunAsync(db, new MemoryStream(file), new ImportOptions(ImportMode.Commit), SmallPortfolio.Year);
            Assert.Equal(new ImportSummary(2, 1, 1, 0, 0, 0), first.Summary);
        }

        var before = await StateAsync(database);
        await using (var db = database.NewContext())
        {
            var second = await ProjectImport.RunAsync(db, new MemoryStream(file), new ImportOptions(ImportMode.Commit), SmallPortfolio.Year);
            Assert.True(second.Saved);
            Assert.Equal(new ImportSummary(2, 0, 0, 2, 0, 0), second.Summary);
        }

        Assert.Equal(before, await StateAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_ListColumnBlank_RemovesFromTheYearsLists(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            using var xlsx = MessySheet.Build(Sheet, [["项目代码", "项目名称", "责任单位", "总投资", "所属清单"], ["P-2", "测试项目P-2", "测试部门", 10_000d, null]], mergeTitle: false);
            var result = await ProjectImport.RunAsync(db, xlsx, new ImportOptions(ImportMode.Commit), SmallPortfolio.Year);
            Assert.Equal(new ImportSummary(1, 0, 1, 0, 0, 0), result.Summary);
        }

        await using var check = database.NewContext();
        Assert.Equal(["P-1"], await check.ProjectListEntries.Select(e => e.Project!.Code).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RunAsync_MoreRowsThanSqliteAllowsParameters_LooksUpExistingProjectsInOneQuery(string provider)
    {
        // 33,000 codes: EF Core 10 would expand a list into one parameter per code, past SQLite's 32,766 limit.
        await using var database = await CreateAsync(provider);
        var rows = new List<object?[]> { new object?[] { "项目代码", "项目名称", "责任单位", "总投资" } };
        rows.AddRange(Enumerable.Range(1, 33_000).Select(i => new object?[] { $"B-{i}", "批量项目", "测试部门", 1d }));
        rows.Add(["P-1", "测试项目P-1", "测试部门", 10_000d]);
        using var xlsx = MessySheet.Build(Sheet, rows, mergeTitle: false);

        await using var db = database.NewContext();
        var result = await ProjectImport.RunAsync(db, xlsx, new ImportOptions(ImportMode.Preview), SmallPortfolio.Year);

        Assert.Empty(result.Problems);
        Assert.Equal(new ImportSummary(33_001, 33_000, 0, 1, 0, 0), result.Summary);
    }

    internal static async Task<TestDatabase> CreateAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SmallPortfolio.SeedAsync(db);
        return database;
    }

    /// <summary>Everything an import could touch: rows, versions, names, list entries, audit entries.</summary>
    internal static async Task<string> StateAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var projects = await db.Projects.OrderBy(p => p.Code).Select(p => $"{p.Code}:{p.Name}:{p.Version}:{p.TotalInvestment}:{p.Phase}").ToListAsync();
        return string.Join(
            "|",
            string.Join(",", projects),
            await db.ProjectListEntries.CountAsync(),
            await db.MonthlyReports.CountAsync(),
            await db.AuditEntries.CountAsync());
    }
}
