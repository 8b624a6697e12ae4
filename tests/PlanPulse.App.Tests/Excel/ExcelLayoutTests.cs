using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Features.Briefing;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.Indicators;
using PlanPulse.App.Features.PlanDocuments;
using PlanPulse.App.Features.Projects;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;

namespace PlanPulse.App.Tests.Excel;

/// <summary>
/// Exported workbooks open readable: names not cut off, the header row frozen, amounts and rates as formatted numbers.
/// Read with the Open XML SDK, the way Excel sees the file, not through MiniExcel.
/// </summary>
public sealed class ExcelLayoutTests
{
    private static readonly YearMonth June = new(2023, 6);

    [Fact]
    public async Task ProjectsAsync_NameColumnFitsLongestName_HeaderAndNameFrozen_AmountsAndRatesFormatted()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();
        var file = await ExcelExport.ProjectsAsync(db, June, new ProjectFilter());
        var longest = (await db.Projects.Select(p => p.Name).ToListAsync()).Max(ExcelLayout.TextWidth);

        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var sheet = Sheets(doc).Single().Sheet;
        var header = Headers(doc, sheet);
        var name = header["项目名称"];
        var width = Width(sheet, name);
        Assert.True(width >= Math.Min(longest, ExcelLayout.MaxWidth), $"项目名称 is {width} wide, the longest name needs {longest}");
        Assert.True(width <= ExcelLayout.MaxWidth);
        Assert.True(Width(sheet, header["建设内容"]) <= ExcelLayout.MaxWidth);

        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1, pane.HorizontalSplit!.Value);
        Assert.Equal(name, (int)pane.VerticalSplit!.Value);
        Assert.Equal($"{MessySheet.Letter(name)}2", pane.TopLeftCell!.Value);

        Assert.All(Cells(sheet, header["总投资(万元)"]), c => Assert.Equal(ExcelLayout.AmountFormat, Format(doc, c)));
        Assert.All(Cells(sheet, header["年度计划(万元)"]).Where(c => c.CellValue is not null), c => Assert.Equal(ExcelLayout.AmountFormat, Format(doc, c)));
        var rates = Cells(sheet, header["完成率"]).Where(c => c.CellValue is not null).ToList();
        Assert.NotEmpty(rates);
        Assert.All(rates, c => Assert.Equal(ExcelLayout.RateFormat, Format(doc, c)));

        // The colour fills of the 赋色 column survive the added number formats.
        Assert.All(Cells(sheet, header["赋色"]), c => Assert.NotNull(c.StyleIndex));
    }

    [Fact]
    public async Task EveryExport_EverySheetHasItsHeaderFrozenAndItsColumnsWidened()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();
        var files = new Dictionary<string, byte[]>
        {
            ["projects"] = await ExcelExport.ProjectsAsync(db, June, new ProjectFilter()),
            ["plans"] = await ExcelExport.PlansAsync(db, 2023),
            ["rankings"] = await ExcelExport.RankingsAsync(db, June, null, null),
            ["project template"] = await ExcelTemplates.ProjectsAsync(db, 2023),
            ["report template"] = await ExcelTemplates.ReportsAsync(db, June, null),
            ["plan template"] = await ExcelTemplates.PlansAsync(db, 2023),
            ["indicator template"] = await IndicatorWorkbook.TemplateAsync(db, new YearMonth(2023, 12)),
            ["key tasks"] = App.Features.KeyTasks.KeyTaskWorkbook.Export(2023, await App.Features.KeyTasks.KeyTaskQueries.ListAsync(db, 2023, new DateOnly(2023, 12, 6))),
            ["briefing"] = MonthlyBriefing.ToXlsx(await MonthlyBriefing.BuildAsync(db, June)),
            ["extraction review (planpulse extract --format xlsx)"] = ExtractionWorkbook(),
        };

        foreach (var (what, file) in files)
        {
            using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
            foreach (var (sheetName, sheet) in Sheets(doc))
            {
                var pane = sheet.Descendants<Pane>().SingleOrDefault();
                Assert.True(pane?.State?.Value == PaneStateValues.Frozen && pane.HorizontalSplit?.Value == 1, $"{what}/{sheetName}: header row not frozen");
                foreach (var (text, column) in Headers(doc, sheet))
                {
                    var width = Width(sheet, column);
                    Assert.True(width >= Math.Min(ExcelLayout.TextWidth(text), ExcelLayout.MaxWidth), $"{what}/{sheetName}: column {text} is {width} wide");
                }
            }
        }
    }

    /// <summary>A document with facts and no tasks: the tasks sheet still gets its header (MiniExcel wrote none).</summary>
    private static byte[] ExtractionWorkbook()
    {
        var result = PlanPulse.Domain.Extraction.PlanExtractor.Extract("2022年全区地区生产总值达到918.6亿元,同比增长2.6%。2023年固定资产投资增长10%以上。");
        using var stream = new MemoryStream();
        PlanPulse.App.Features.Extraction.ExtractPlanDocument.WriteWorkbook(result, stream);
        return stream.ToArray();
    }

    [Fact]
    public void TextWidth_ChineseCountsTwo()
    {
        Assert.Equal(8, ExcelLayout.TextWidth("项目名称"));
        Assert.Equal(12, ExcelLayout.TextWidth("总投资(万元)"));
        Assert.Equal(5, ExcelLayout.TextWidth("45.8%"));
    }

    private static IEnumerable<(string Name, Worksheet Sheet)> Sheets(SpreadsheetDocument doc) =>
        doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>()
            .Select(s => (s.Name!.Value!, ((WorksheetPart)doc.WorkbookPart.GetPartById(s.Id!)).Worksheet));

    /// <summary>Header text to 1-based column number.</summary>
    private static Dictionary<string, int> Headers(SpreadsheetDocument doc, Worksheet sheet)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in sheet.Descendants<Row>().First().Elements<Cell>())
        {
            result.TryAdd(Text(doc, c), Column(c));
        }

        return result;
    }

    private static IEnumerable<Cell> Cells(Worksheet sheet, int column) =>
        sheet.Descendants<Row>().Skip(1).SelectMany(r => r.Elements<Cell>()).Where(c => Column(c) == column);

    private static double Width(Worksheet sheet, int column) =>
        sheet.Descendants<Column>().SingleOrDefault(c => c.Min!.Value <= column && column <= c.Max!.Value)?.Width?.Value ?? 0;

    private static string? Format(SpreadsheetDocument doc, Cell cell)
    {
        var styles = doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var id = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0)).NumberFormatId?.Value ?? 0;
        return id switch
        {
            1 => "0",
            4 => "#,##0.00",
            _ => styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId?.Value == id)?.FormatCode?.Value,
        };
    }

    private static string Text(SpreadsheetDocument doc, Cell cell)
    {
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return doc.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text)).InnerText;
        }

        return cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
    }

    private static int Column(Cell cell) =>
        cell.CellReference!.Value!.TakeWhile(char.IsLetter).Aggregate(0, (n, ch) => n * 26 + ch - 'A' + 1);
}
