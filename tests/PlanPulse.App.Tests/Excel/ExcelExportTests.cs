using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.Projects;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Excel;

public sealed class ExcelExportTests
{
    private static readonly YearMonth June = new(2023, 6);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ProjectsAsync_ExportThenImport_ChangesNothing(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        byte[] file;
        await using (var db = database.NewContext())
        {
            file = await ExcelExport.ProjectsAsync(db, June, new ProjectFilter());
        }

        var before = await ProjectImportTests.StateAsync(database);
        await using (var db = database.NewContext())
        {
            var result = await ProjectImport.RunAsync(db, new MemoryStream(file), new ImportOptions(ImportMode.Commit), June.Year);

            Assert.Empty(result.Problems);
            Assert.True(result.Saved);
            Assert.Equal(0, result.Summary.Created + result.Summary.Updated);
            Assert.True(result.Summary.Unchanged > 100, $"only {result.Summary.Unchanged} rows exported");
        }

        Assert.Equal(before, await ProjectImportTests.StateAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ProjectsAsync_ColourFilter_OnlyThoseRowsWithTheirColourFilled(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();
        var filter = new ProjectFilter { Colour = Colour.Red, Sort = "-total" };

        var file = await ExcelExport.ProjectsAsync(db, June, filter);
        var list = await ProjectQueries.ListAsync(db, June, filter with { PageSize = 500 });

        var rows = MessySheet.ReadRows(file);
        Assert.NotEmpty(rows);
        Assert.Equal(list.Items.Select(i => i.Code), rows.Select(r => (string?)r["项目代码"]));
        Assert.All(rows, r => Assert.Equal("红", r["赋色"]));
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        // 赋色 is the 27th column (AA): the 22 library columns (实际开工 and 入库纳统 last), then 年度计划 … 序时进度.
        var cells = doc.WorkbookPart!.WorksheetParts.First().Worksheet.Descendants<Cell>()
            .Where(c => System.Text.RegularExpressions.Regex.IsMatch(c.CellReference!.Value!, "^AA[0-9]+$") && c.CellReference.Value != "AA1").ToList();
        Assert.Equal(rows.Count, cells.Count);
        var formats = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var fills = doc.WorkbookPart.WorkbookStylesPart.Stylesheet.Fills!.Elements<Fill>().ToList();
        Assert.All(cells, c => Assert.Equal("FF" + PlanPulse.App.Features.Documents.Charts.ColourHex["red"], fills[(int)formats[(int)c.StyleIndex!.Value].FillId!.Value].PatternFill!.ForegroundColor!.Rgb!.Value));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ProjectsTemplate_HeadersInstructionsAndDropDowns_ImportsAsEmpty(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var file = await ExcelTemplates.ProjectsAsync(db, 2023);

        using (var doc = SpreadsheetDocument.Open(new MemoryStream(file), false))
        {
            var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal([ProjectImport.SheetName, ExcelTemplates.InstructionsSheet, ExcelTemplates.OptionsSheet], sheets.Select(s => s.Name!.Value));
            Assert.Equal(SheetStateValues.Hidden, sheets[2].State!.Value);
            var main = (WorksheetPart)doc.WorkbookPart.GetPartById(sheets[0].Id!);
            var validations = main.Worksheet.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v.Formula1!.Text);
            var tracks = await db.Tracks.CountAsync(t => t.Year == 2023);
            Assert.Equal($"'选项'!$A$2:$A${tracks + 1}", validations["D2:D5000"]); // 所属专项
            Assert.Equal("'选项'!$C$2:$C$7", validations["F2:F5000"]); // 项目阶段: six phases
            Assert.Equal(9, validations.Count);
            Assert.Single(main.Worksheet.Descendants<Row>()); // the header only
        }

        await using var import = database.NewContext();
        var result = await ProjectImport.RunAsync(import, new MemoryStream(file), new ImportOptions(ImportMode.Preview), 2023);
        Assert.Empty(result.Problems);
        Assert.Equal(0, result.Summary.Rows);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RankingsAsync_OneSheetPerTableWithRedAndBlackLists(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var file = await ExcelExport.RankingsAsync(db, June, null, null);

        var rankings = await PlanPulse.App.Features.Portfolio.Rankings.GetAsync(db, June, null, null);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        Assert.Equal(rankings.Tables.Select(t => $"{t.Name}赛马"), doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));
        var first = MessySheet.ReadRows(file, $"{rankings.Tables[0].Name}赛马");
        Assert.Equal(rankings.Tables[0].Rows.Select(r => r.UnitName), first.Select(r => r["单位"]));
    }
}
