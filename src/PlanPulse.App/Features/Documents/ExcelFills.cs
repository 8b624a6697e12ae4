using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PlanPulse.App.Features.Documents;

/// <summary>
/// MiniExcel writes fast but cannot style a single cell, and a colour-coded table without the colours is not what an
/// office files. This pass opens the written workbook with the Open XML SDK and fills every cell of the colour
/// columns (header 赋色, 颜色 or 红黑榜) by its text: 蓝/绿/黄/红/灰, 红榜/黑榜. It also bolds and shades the header row.
/// </summary>
public static class ExcelFills
{
    public static readonly string[] ColourHeaders = ["赋色", "颜色", "红黑榜"];

    private static readonly (string Text, string Hex)[] Fills =
    [
        ("蓝", Charts.ColourHex["blue"]),
        ("绿", Charts.ColourHex["green"]),
        ("黄", Charts.ColourHex["yellow"]),
        ("红榜", "3A9A4B"), // 红榜 praises: green, as the briefing's text does
        ("黑榜", "404040"),
        ("红", Charts.ColourHex["red"]),
        ("灰", Charts.ColourHex["grey"]),
    ];

    public static byte[] Apply(byte[] xlsx) => Excel.WorkbookPasses.Run(xlsx, Apply);

    /// <summary>The pass itself, on an open workbook (see <see cref="Excel.WorkbookPasses"/>).</summary>
    public static void Apply(SpreadsheetDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var wb = doc.WorkbookPart!;
        var styles = wb.WorkbookStylesPart ?? wb.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet ??= new Stylesheet();
        var sheet = styles.Stylesheet;
        sheet.Fonts ??= new Fonts(new Font());
        sheet.Fills ??= new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
        sheet.Borders ??= new Borders(new Border());
        sheet.CellFormats ??= new CellFormats(new CellFormat());

        var whiteFont = AppendFont(sheet, new Font(new Bold(), new Color { Rgb = "FFFFFFFF" }));
        var boldFont = AppendFont(sheet, new Font(new Bold()));
        var headerStyle = AppendFormat(sheet, AppendFill(sheet, "D9D9D9"), boldFont);
        var colourStyle = Fills.ToDictionary(f => f.Text, f => AppendFormat(sheet, AppendFill(sheet, f.Hex), f.Text is "黄" ? boldFont : whiteFont), StringComparer.Ordinal);
        styles.Stylesheet.Save();

        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        foreach (var part in wb.WorksheetParts)
        {
            var data = part.Worksheet.GetFirstChild<SheetData>();
            var rows = data?.Elements<Row>().ToList() ?? [];
            if (rows.Count == 0)
            {
                continue;
            }

            // The header row is the first row whose cells include a known header; titles above it are left alone.
            var colourColumns = new HashSet<string>(StringComparer.Ordinal);
            foreach (var cell in rows[0].Elements<Cell>())
            {
                cell.StyleIndex = headerStyle;
                if (ColourHeaders.Contains(Text(cell, shared)))
                {
                    colourColumns.Add(Column(cell.CellReference?.Value));
                }
            }

            foreach (var row in rows.Skip(1))
            {
                foreach (var cell in row.Elements<Cell>().Where(c => colourColumns.Contains(Column(c.CellReference?.Value))))
                {
                    var text = Text(cell, shared);
                    var match = Fills.FirstOrDefault(f => text.StartsWith(f.Text, StringComparison.Ordinal));
                    if (match.Text is not null)
                    {
                        cell.StyleIndex = colourStyle[match.Text];
                    }
                }
            }

            part.Worksheet.Save();
        }
    }

    private static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Count)
        {
            return shared[i];
        }

        return cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
    }

    private static string Column(string? reference) => new((reference ?? string.Empty).TakeWhile(char.IsLetter).ToArray());

    private static uint AppendFont(Stylesheet s, Font font)
    {
        s.Fonts!.Append(font);
        s.Fonts.Count = (uint)s.Fonts.ChildElements.Count;
        return s.Fonts.Count - 1;
    }

    private static uint AppendFill(Stylesheet s, string hex)
    {
        s.Fills!.Append(new Fill(new PatternFill(new ForegroundColor { Rgb = "FF" + hex }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }));
        s.Fills.Count = (uint)s.Fills.ChildElements.Count;
        return s.Fills.Count - 1;
    }

    private static uint AppendFormat(Stylesheet s, uint fill, uint font)
    {
        s.CellFormats!.Append(new CellFormat { FillId = fill, FontId = font, ApplyFill = true, ApplyFont = true });
        s.CellFormats.Count = (uint)s.CellFormats.ChildElements.Count;
        return s.CellFormats.Count - 1;
    }
}
