using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Excel;

/// <summary>A month's reports exported with their status and times and brought back with --as-submitted.</summary>
public sealed class ReportHistoryTests
{
    private static readonly YearMonth March = new(2023, 3);

    private static async Task<string> MonthAsync(AppDbContext db, YearMonth m) =>
        string.Join("\n", (await db.MonthlyReports.AsNoTracking().Where(r => r.Month == m.Id).OrderBy(r => r.ProjectId).ToListAsync())
            .Select(r => $"{r.ProjectId}|{r.Amount}|{r.Progress}|{r.CorrectionNote}|{r.Status}|{r.SubmittedBy}|{r.SubmittedAt:O}|{r.ReviewedBy}|{r.ReviewedAt:O}|{r.ReturnReason}"))
        + "\n" + string.Join("\n", (await db.ReachedMilestones.AsNoTracking().Where(x => x.Month == m.Id).OrderBy(x => x.ProjectId).ThenBy(x => x.Kind).ToListAsync())
            .Select(x => $"{x.ProjectId}|{x.Kind}|{x.RecordedAt:yyyy-MM-dd}"));

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_month_taken_out_and_brought_back_as_submitted_is_the_same_month(string provider)
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = demo.NewContext();
        db.ApplyScope(DataScope.Everything);
        var before = await MonthAsync(db, March);
        var summaryBefore = TestJson.Serialize(await PortfolioSummary.GetAsync(db, new YearMonth(2023, 6), null));
        var file = await ExcelExport.ReportHistoryAsync(db, March);

        await db.MonthlyReports.Where(r => r.Month == March.Id).ExecuteDeleteAsync();
        await db.ReachedMilestones.Where(r => r.Month == March.Id).ExecuteDeleteAsync();
        Assert.NotEqual(summaryBefore, TestJson.Serialize(await PortfolioSummary.GetAsync(db, new YearMonth(2023, 6), null)));

        var result = await ReportImport.RunAsync(db, new MemoryStream(file), new ImportOptions(ImportMode.Commit), "2023-03", null, "migration", TimeProvider.System, default, asSubmitted: true);
        Assert.Empty(result.Problems);
        Assert.True(result.Saved);
        Assert.Equal(before, await MonthAsync(db, March));
        Assert.Equal(summaryBefore, TestJson.Serialize(await PortfolioSummary.GetAsync(db, new YearMonth(2023, 6), null)));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Migrated" && a.Key == "202303"));

        // Imported again, nothing changes and nothing moves.
        var again = await ReportImport.RunAsync(db, new MemoryStream(file), new ImportOptions(ImportMode.Commit), "2023-03", null, "migration", TimeProvider.System, default, asSubmitted: true);
        Assert.Equal(0, again.Summary.Created + again.Summary.Updated);
        Assert.Equal(before, await MonthAsync(db, March));
    }

    [Fact]
    public async Task Bad_history_cells_are_named_and_nothing_is_saved()
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = demo.NewContext();
        var before = await MonthAsync(db, March);
        var code = await db.Projects.OrderBy(p => p.Code).Select(p => p.Code).FirstAsync();
        var header = ReportImport.Columns.Select(c => c.Label).ToArray();
        object?[][] rows =
        [
            [code, null, 10d, null, null, null, "已报废", null, "2023-04-03 10:00:00"],    // 2 unknown status
            [code + "X", null, 10d, null, null, null, "已报送", null, "3号上午"],            // 3 unknown project, unreadable time
            [code, null, 10d, null, null, "封顶", "已报送", null, "2023-02-20 10:00:00"],    // 4 duplicate, unknown milestone, before the month
            [code, null, 10d, null, null, null, "已报送", null, null],                      // 5 submitted without a time
            [code, null, 10d, null, null, null, "已报送", null, "2099-01-01 00:00:00"],     // 6 in the future
        ];
        var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [ReportImport.SheetName] = rows.Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.h, x => x.v)).ToList() });
        stream.Position = 0;

        var result = await ReportImport.RunAsync(db, stream, new ImportOptions(ImportMode.Commit), "2023-03", null, "migration", TimeProvider.System, default, asSubmitted: true);
        Assert.False(result.Saved);
        var shown = result.Problems.Select(p => $"{p.Row}{p.ColumnLetter}:{p.Message}").ToList();
        Assert.Contains("2G:未知的状态“已报废”,应为 草稿、已报送、已审核、已退回、未报送 之一", shown);
        Assert.Contains($"3A:项目不存在或不在您的填报范围内:{code}X", shown);
        Assert.Contains("3I:报送时间应写作 yyyy-MM-dd HH:mm:ss(北京时间),收到“3号上午”", shown);
        Assert.Contains("4F:未知的节点“封顶”,应为 开工、入库纳统、主体完工、竣工、投产 之一", shown);
        Assert.Contains("4I:报送时间“2023-02-20 10:00:00”早于2023年3月", shown);
        Assert.Contains("5I:按原报送时间导入时,已报送、已审核、已退回的月报须填报送时间", shown);
        Assert.Contains("6I:报送时间“2099-01-01 00:00:00”晚于现在", shown);
        Assert.Equal(before, await MonthAsync(db, March));
    }
}
