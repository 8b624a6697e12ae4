using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Features.Indicators;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;

namespace PlanPulse.App.Tests.Indicators;

/// <summary>The statistics bureau's sheet: a row per indicator, cumulative value and growth; all rows or none.</summary>
public sealed class IndicatorWorkbookTests
{
    private static readonly DateTimeOffset _now = new(2024, 1, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A sheet as offices send it: a title row, headers with synonyms and full-width brackets, a 合计 row.</summary>
    private static MemoryStream Sheet(params object?[][] rows)
    {
        var all = new List<object?[]>
        {
            new object?[] { "2023年12月主要经济指标完成情况", null, null, null, null, null },
            new object?[] { "代码", "指标", "计量单位", "期别", "累计值", "同比增长（%）" },
        };
        all.AddRange(rows);
        var data = all.Select(r => Enumerable.Range(0, r.Length).ToDictionary(i => ((char)('A' + i)).ToString(), i => r[i])).ToList();
        var stream = new MemoryStream();
        stream.SaveAs(data, printHeader: false, sheetName: IndicatorWorkbook.SheetName);
        stream.Position = 0;
        return stream;
    }

    private static async Task<string> CodeAsync(PlanPulse.App.Data.AppDbContext db, string name) =>
        await db.Indicators.Where(i => i.Name == name).Select(i => i.Code).SingleAsync();

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Import_MessySheet_SavesEveryFilledRow(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();
        var fai = await CodeAsync(db, "固定资产投资");
        var retail = await CodeAsync(db, "社会消费品零售总额");
        var air = await CodeAsync(db, "空气质量优良天数");

        var result = await IndicatorWorkbook.ImportAsync(db, Sheet(
            [fai, "固定资产投资", "亿元", "202312", "３５２．６", "4.1"], // full-width digits
            [retail, "社会消费品零售总额", null, "202312", null, "7.2%"],
            [air, "空气质量优良天数", "天", "202312", null, null], // not filled in: skipped
            [null, "合计", null, null, "1,000", null]), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_now));

        Assert.Equal(2, result.Saved);
        Assert.Equal(1, result.Skipped);
        var rows = await IndicatorQueries.GetAsync(db, new YearMonth(2023, 12));
        Assert.Equal(352.6m, rows.Rows.Single(r => r.Code == fai).Actual);
        Assert.Equal(7.2m, rows.Rows.Single(r => r.Code == retail).Growth);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Import_BadCells_ErrorsNameSheetRowAndColumn_NothingSaved(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();
        var fai = await CodeAsync(db, "固定资产投资");
        var before = await db.IndicatorObservations.CountAsync();
        var industry = await CodeAsync(db, "工业投资");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => IndicatorWorkbook.ImportAsync(db, Sheet(
            [fai, "固定资产投资", "亿元", "202312", "352.6", null],
            ["ZB999", "不存在的指标", "亿元", "202312", "1", null],
            [fai, "固定资产投资", "万元", "202311", "3,000,000", null],
            [industry, "工业投资", "亿元", "202312", "约190亿", null]), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_now)));

        Assert.Equal(before, await db.IndicatorObservations.CountAsync());
        var messages = e.Errors.SelectMany(x => x.Value).ToList();
        Assert.Contains(e.Errors.Keys, k => k == "指标数据!A4"); // ZB999, the sheet's 4th row
        Assert.Contains(messages, m => m.StartsWith("工作表“指标数据”第4行“代码”列(A):", StringComparison.Ordinal) && m.Contains("ZB999", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("工作表“指标数据”第5行“计量单位”列(C):", StringComparison.Ordinal) && m.Contains("万元", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("工作表“指标数据”第6行“累计值”列(E):", StringComparison.Ordinal) && m.Contains("约190亿", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_NoHeader_ClearError()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();
        var stream = new MemoryStream();
        stream.SaveAs(new[] { new { 名称 = "x", 数值 = 1 } });
        stream.Position = 0;

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => IndicatorWorkbook.ImportAsync(db, stream, TimeProvider.System));

        Assert.Contains("未找到表头", e.Errors["file"][0]);
    }

    [Fact]
    public async Task Template_RoundTrip_FilledTemplateImports()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();

        var template = await IndicatorWorkbook.TemplateAsync(db, new YearMonth(2023, 12));
        var rows = new MemoryStream(template).Query(useHeaderRow: true, sheetName: IndicatorWorkbook.SheetName).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(await db.IndicatorTargets.CountAsync(t => t.Year == 2023 && t.Plan!.Kind == PlanPulse.App.Data.PlanKind.Annual), rows.Count);
        Assert.All(rows, r => Assert.Equal("202312", r["期间"]));

        // Fill one row and import the template as it comes back.
        var fai = await CodeAsync(db, "固定资产投资");
        foreach (var r in rows.Where(r => (string?)r["指标代码"] == fai))
        {
            r["本期累计值"] = 351;
        }

        var filled = new MemoryStream();
        filled.SaveAs(rows, sheetName: IndicatorWorkbook.SheetName);
        filled.Position = 0;
        var result = await IndicatorWorkbook.ImportAsync(db, filled, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_now));

        Assert.Equal(1, result.Saved);
        Assert.Equal(rows.Count - 1, result.Skipped);
    }
}
