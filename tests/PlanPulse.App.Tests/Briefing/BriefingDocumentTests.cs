using System.IO.Compression;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Wordprocessing;
using MiniExcelLibs;
using PlanPulse.App.Features.Briefing;
using PlanPulse.App.Features.Documents;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;

namespace PlanPulse.App.Tests.Briefing;

/// <summary>The monthly briefing and the annual draft over the demo: content, GB/T 9704 layout, Excel fills.</summary>
public sealed class BriefingDocumentTests
{
    private static readonly YearMonth _june = new(2023, 6);

    [Fact]
    public async Task Build_June2023_FiguresAgreeWithThePortfolio()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();

        var m = await MonthlyBriefing.BuildAsync(db, _june);

        Assert.Equal(220, m.Summary.Projects);
        Assert.Equal(m.Summary.Colours.Red, m.Red.Count);
        Assert.All(m.Red, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.Equal(3, m.Rankings.Count);
        Assert.Equal(6, m.Trend.Count);
        Assert.Equal(m.Summary.OpenProblems, m.Problems.Sum(p => p.Open));
        var text = MonthlyBriefing.SummaryParagraph(m);
        Assert.StartsWith("截至6月底,全区220个年度重大建设项目总投资2964亿元,年度计划投资332亿元", text);
        Assert.Contains("序时进度50.0%", text);
        Assert.Equal(new DateOnly(2023, 7, 5), m.IssuedOn); // the month's reporting deadline
    }

    [Fact]
    public async Task ToDocx_June2023_Gbt9704PageFontsAndPageNumbers()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();
        var m = await MonthlyBriefing.BuildAsync(db, _june);

        var bytes = MonthlyBriefing.ToDocx(m);

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var invalid = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(invalid.Count == 0, string.Join("\n", invalid.Take(5))); // Word opens only a valid package
        var main = doc.MainDocumentPart!;
        var section = main.Document.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal(11906u, size.Width!.Value); // A4: 210 mm
        Assert.Equal(16838u, size.Height!.Value); // 297 mm
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal(2098, margin.Top!.Value); // 37 mm
        Assert.Equal(1984, margin.Bottom!.Value); // 35 mm
        Assert.Equal(1587u, margin.Left!.Value); // 28 mm
        Assert.Equal(1474u, margin.Right!.Value); // 26 mm
        Assert.Equal(OfficialDocument.LinePitch, section.GetFirstChild<DocGrid>()!.LinePitch!.Value);

        var runs = main.Document.Body.Descendants<Run>().Where(r => r.InnerText.Length > 0).ToList();
        var title = runs.First();
        Assert.Equal(MonthlyBriefing.Title(m), title.InnerText);
        Assert.Equal(OfficialDocument.TitleFont, title.RunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("44", title.RunProperties.FontSize!.Val!.Value); // 二号
        var body = runs.First(r => r.InnerText.StartsWith("截至6月底", StringComparison.Ordinal));
        Assert.StartsWith("截至6月底，全区220个", body.InnerText); // full-width punctuation in the document
        Assert.Equal(OfficialDocument.BodyFont, body.RunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("32", body.RunProperties.FontSize!.Val!.Value); // 三号 = 16 pt
        Assert.Contains(runs, r => r.InnerText == "一、总体情况" && r.RunProperties!.RunFonts!.EastAsia! == OfficialDocument.HeadingFont);

        // Fonts that are not shipped are named, each with an installed alternative.
        var fonts = main.FontTablePart!.Fonts.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);
        Assert.Equal(OfficialDocument.SerifFallback, fonts[OfficialDocument.TitleFont]);
        Assert.Equal(OfficialDocument.SerifFallback, fonts[OfficialDocument.BodyFont]);

        // Page numbers "— N —" in 宋体 四号, odd pages right and even pages left.
        Assert.NotNull(main.DocumentSettingsPart!.Settings.GetFirstChild<EvenAndOddHeaders>());
        var footers = section.Elements<FooterReference>().ToDictionary(f => f.Type!.Value, f => (FooterPart)main.GetPartById(f.Id!.Value!));
        foreach (var (type, side) in new[] { (HeaderFooterValues.Default, JustificationValues.Right), (HeaderFooterValues.Even, JustificationValues.Left) })
        {
            var footer = footers[type].Footer;
            Assert.Equal("— 1 —", footer.InnerText.Replace(" PAGE ", string.Empty, StringComparison.Ordinal));
            Assert.Contains(footer.Descendants<FieldCode>(), f => f.Text.Trim() == "PAGE");
            Assert.Equal(side, footer.Descendants<Justification>().Single().Val!.Value);
            Assert.All(footer.Descendants<RunFonts>(), f => Assert.Equal(OfficialDocument.PageNumberFont, f.EastAsia!.Value));
            Assert.All(footer.Descendants<FontSize>(), f => Assert.Equal("28", f.Val!.Value)); // 四号
        }

        Assert.Equal(2, main.ImageParts.Count()); // the trend and the colour charts
        Assert.All(main.ImageParts, p => Assert.Equal("image/png", p.ContentType));
        var text = main.Document.Body.InnerText;
        Assert.Contains("三、红色项目", text);
        Assert.Contains(m.Red[0].Name, text);
        Assert.Contains("2023年7月5日", text);
    }

    [Fact]
    public async Task ToXlsx_June2023_SheetsRowsAndColourFills()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();
        var m = await MonthlyBriefing.BuildAsync(db, _june);

        var bytes = MonthlyBriefing.ToXlsx(m);

        using var stream = new MemoryStream(bytes);
        Assert.Equal(["总体情况", "图表", "分专项", "分层级", "红色项目", "赛马-部门", "赛马-街镇", "赛马-指挥部", "未解决问题", "重点任务", "滞后重点任务"], MiniExcel.GetSheetNames(stream));
        var red = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "红色项目").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(m.Red.Count, red.Count);
        Assert.Equal(m.Red[0].Name, red[0]["项目名称"]);

        // Every 赋色 cell is filled red; the header row is shaded.
        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == "红色项目");
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
        var formats = wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<S.CellFormat>().ToList();
        var fills = wb.WorkbookStylesPart.Stylesheet.Fills!.Elements<S.Fill>().ToList();
        string? FillOf(S.Cell c) => fills[(int)formats[(int)(c.StyleIndex?.Value ?? 0)].FillId!.Value].PatternFill?.ForegroundColor?.Rgb?.Value;
        var rows = part.Worksheet.Descendants<S.Row>().ToList();
        var colourColumn = Regex.Match(rows[1].Elements<S.Cell>().ElementAt(10).CellReference!.Value!, "^[A-Z]+").Value;
        Assert.Equal("FF" + Charts.ColourHex["red"], FillOf(rows[1].Elements<S.Cell>().Single(c => c.CellReference!.Value!.StartsWith(colourColumn, StringComparison.Ordinal))));
        Assert.Equal("FFD9D9D9", FillOf(rows[0].Elements<S.Cell>().First()));
    }

    [Fact]
    public async Task ToXlsx_June2023_ChartSheetHasTheTwoChartsAsPictures()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();
        var m = await MonthlyBriefing.BuildAsync(db, _june);

        var bytes = MonthlyBriefing.ToXlsx(m);

        using var stream = new MemoryStream(bytes);
        var titles = MiniExcel.Query(stream, useHeaderRow: true, sheetName: MonthlyBriefing.ChartSheet).Cast<IDictionary<string, object?>>()
            .Select(r => r[MonthlyBriefing.ChartSheet] as string).OfType<string>().ToList();
        Assert.Equal(["图1 累计完成率与序时进度", "图2 项目赋色分布"], titles);

        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == MonthlyBriefing.ChartSheet);
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
        var drawings = part.DrawingsPart;
        Assert.NotNull(drawings);
        Assert.Equal(part.GetIdOfPart(drawings), part.Worksheet.GetFirstChild<S.Drawing>()!.Id!.Value);
        var images = drawings.ImageParts.ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.Equal("image/png", i.ContentType));
        var pictures = drawings.WorksheetDrawing!.Descendants<DocumentFormat.OpenXml.Drawing.Spreadsheet.Picture>().ToList();
        Assert.Equal(2, pictures.Count);
        Assert.Equal(images.Select(drawings.GetIdOfPart).Order(), pictures.Select(p => p.BlipFill!.Blip!.Embed!.Value!).Order());

        // The pictures are the Word version's charts, byte for byte; and the drawing is valid Open XML.
        var docxImages = WordImages(MonthlyBriefing.ToDocx(m));
        Assert.All(images, i => Assert.Contains(docxImages, d => d.AsSpan().SequenceEqual(Bytes(i))));
        var invalid = new OpenXmlValidator().Validate(doc).Where(e => e.Part?.Uri.ToString().Contains("drawing", StringComparison.Ordinal) == true || e.Part == part)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(invalid.Count == 0, string.Join("\n", invalid));
    }

    private static byte[] Bytes(OpenXmlPart part)
    {
        using var s = part.GetStream();
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }

    private static List<byte[]> WordImages(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return word.MainDocumentPart!.ImageParts.Select(Bytes).ToList();
    }

    [Fact]
    public async Task AnnualDraft_2022_SeedStyleSentencesFromTheRealFigures()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();

        var m = await AnnualDraft.BuildAsync(db, 2022);
        var bytes = AnnualDraft.ToDocx(m);

        var facts = m.Actuals.SelectMany(a => a.Facts).ToList();
        Assert.Contains(facts, f => f.Sentence == "地区生产总值918.6亿元,同比增长2.6%");
        Assert.Contains(facts, f => f.Sentence == "单位GDP能耗强度下降3.7%");
        Assert.Contains(m.Targets, t => t.Sentence == "固定资产投资350亿元、力争400亿元");
        Assert.Contains(m.Targets, t => t.Sentence == "规模以上工业总产值增长10%以上");
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var invalid = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(invalid.Count == 0, string.Join("\n", invalid.Take(5)));
        var text = string.Concat(doc.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText + "\n"));
        Assert.Contains("全年地区生产总值918.6亿元，同比增长2.6%", text);
        Assert.Contains("二、2023年主要预期目标", text);
        Assert.DoesNotContain("重大建设项目总投资", text[..text.IndexOf("二、2023年", StringComparison.Ordinal)]); // the list's make-up is not a 2022 result
    }

    [Fact]
    public async Task AnnualDraft_YearWithoutFigures_Empty()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();

        var m = await AnnualDraft.BuildAsync(db, 2019);

        Assert.Empty(m.Actuals);
        Assert.Empty(m.Targets);
    }
}
