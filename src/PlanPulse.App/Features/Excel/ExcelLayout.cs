using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PlanPulse.App.Features.Excel;

/// <summary>
/// The last pass over every workbook the app hands out: column widths fitted to the content, the header row frozen
/// (and the leading columns up to the one that names the row, such as 项目名称), and number formats by column —
/// amounts (a header in 万元 or 亿元) as <c>#,##0.00</c>, rates (a header ending in 率 or 进度) as <c>0.0%</c>, other
/// whole numbers as <c>0</c>. MiniExcel 1.46 has auto width and freezing in its configuration, but its width counts a
/// Chinese character as one unit (names come out cut off) and its column <c>Format</c> turns a number into text, which
/// an office then cannot sum; so this is an Open XML SDK pass after it, like the colour fills. It only adds
/// <c>cols</c>, <c>sheetViews</c> and cell styles: every value stays as written, so exported files import back unchanged.
/// </summary>
public static class ExcelLayout
{
    /// <summary>Width cap, in Excel character units: a 建设内容 paragraph should not push the next column off screen.</summary>
    public const double MaxWidth = 60;

    private const double MinWidth = 6;

    /// <summary>Headers of a column that names its row; the sheet is frozen up to and including the first of these.</summary>
    private static readonly string[] NameHeaders = ["项目名称", "指标名称", "单位", "项目", "分组"];

    /// <summary>Frozen name columns must leave room for the rest; past this total width only the header row is frozen.</summary>
    private const double MaxFrozenWidth = 70;

    public const string AmountFormat = "#,##0.00";
    public const string RateFormat = "0.0%";
    public const string IntegerFormat = "0";

    public static byte[] Apply(byte[] xlsx) => WorkbookPasses.Run(xlsx, Apply);

    /// <summary>The pass itself, on an open workbook (see <see cref="WorkbookPasses"/>).</summary>
    public static void Apply(SpreadsheetDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var wb = doc.WorkbookPart!;
        var styles = wb.WorkbookStylesPart ?? wb.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet ??= new Stylesheet();
        var formats = new Formats(styles.Stylesheet);
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        foreach (var part in wb.WorksheetParts)
        {
            Layout(part.Worksheet, shared, formats);
            part.Worksheet.Save();
        }

        formats.Save();
    }

    /// <summary>Display width of a text in Excel character units: a CJK or full-width character takes two.</summary>
    public static double TextWidth(string text) =>
        text.Split('\n').Max(line => line.Sum(c => IsWide(c) ? 2 : 1));

    private static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6';

    private static void Layout(Worksheet sheet, List<string> shared, Formats formats)
    {
        var rows = sheet.GetFirstChild<SheetData>()?.Elements<Row>().ToList() ?? [];
        if (rows.Count == 0)
        {
            return;
        }

        var headers = rows[0].Elements<Cell>().ToDictionary(c => ColumnIndex(c.CellReference?.Value), c => Text(c, shared));
        var widths = new SortedDictionary<int, double>();
        foreach (var row in rows)
        {
            foreach (var cell in row.Elements<Cell>())
            {
                var col = ColumnIndex(cell.CellReference?.Value);
                if (col == 0)
                {
                    continue;
                }

                var text = Text(cell, shared);
                if (row != rows[0] && IsNumber(cell, out var value))
                {
                    var format = FormatFor(headers.GetValueOrDefault(col), value);
                    if (format is not null)
                    {
                        cell.StyleIndex = formats.With(cell.StyleIndex?.Value ?? 0, format);
                        text = value.ToString(format, CultureInfo.InvariantCulture);
                    }
                }

                widths[col] = Math.Max(widths.GetValueOrDefault(col), TextWidth(text));
            }
        }

        // Two units of padding: Excel's width is for digits of the default font, and a bold header needs a little more.
        var columns = new Columns(widths.Select(w => new Column
        {
            Min = (uint)w.Key,
            Max = (uint)w.Key,
            Width = Math.Clamp(w.Value + 2, MinWidth, MaxWidth),
            CustomWidth = true,
        }));
        sheet.RemoveAllChildren<Columns>();
        sheet.InsertBefore(columns, sheet.GetFirstChild<SheetData>());

        var frozenColumns = 0;
        var name = headers.Where(h => h.Key <= 4 && NameHeaders.Contains(h.Value)).Select(h => h.Key).DefaultIfEmpty(0).Min();
        if (name > 0 && columns.Elements<Column>().Where(c => c.Min!.Value <= name).Sum(c => c.Width!.Value) <= MaxFrozenWidth)
        {
            frozenColumns = name;
        }

        sheet.SheetViews = new SheetViews(new SheetView(Pane(frozenColumns)) { WorkbookViewId = 0, TabSelected = sheet.SheetViews?.GetFirstChild<SheetView>()?.TabSelected });
    }

    private static Pane Pane(int frozenColumns)
    {
        var topLeft = $"{ColumnName(frozenColumns + 1)}2";
        return new Pane
        {
            VerticalSplit = frozenColumns > 0 ? frozenColumns : null,
            HorizontalSplit = 1,
            TopLeftCell = topLeft,
            ActivePane = frozenColumns > 0 ? PaneValues.BottomRight : PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        };
    }

    /// <summary>The number format a numeric cell gets under its header; null keeps Excel's General (a score like 87.35).</summary>
    internal static string? FormatFor(string? header, double value)
    {
        header ??= string.Empty;
        if (header.Contains("万元", StringComparison.Ordinal) || header.Contains("亿元", StringComparison.Ordinal))
        {
            return AmountFormat;
        }

        // Rates are written as fractions (0.458); 同比增长(%) holds percentage points and is not one of them.
        if (header.EndsWith('率') || header.EndsWith("进度", StringComparison.Ordinal))
        {
            return RateFormat;
        }

        return value == Math.Floor(value) && Math.Abs(value) < 1e15 ? IntegerFormat : null;
    }

    private static bool IsNumber(Cell cell, out double value)
    {
        value = 0;
        var type = cell.DataType?.Value;
        return (type is null || type == CellValues.Number) && cell.CellValue?.Text is { Length: > 0 } v
            && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Count)
        {
            return shared[i];
        }

        return cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
    }

    /// <summary>1-based column number of a reference like AB12; 0 when there is none.</summary>
    internal static int ColumnIndex(string? reference)
    {
        var n = 0;
        foreach (var c in (reference ?? string.Empty).TakeWhile(char.IsLetter))
        {
            n = n * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return n;
    }

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + (index - 1) % 26) + name;
        }

        return name;
    }

    /// <summary>Cell styles with a number format added, one per (existing style, format) pair so fills and fonts stay.</summary>
    private sealed class Formats(Stylesheet stylesheet)
    {
        private readonly Dictionary<(uint, string), uint> _made = [];
        private readonly Dictionary<string, uint> _ids = new(StringComparer.Ordinal);

        public uint With(uint style, string format)
        {
            if (_made.TryGetValue((style, format), out var made))
            {
                return made;
            }

            stylesheet.CellFormats ??= new CellFormats(new CellFormat());
            var existing = stylesheet.CellFormats.Elements<CellFormat>().ElementAtOrDefault((int)style) ?? new CellFormat();
            var copy = (CellFormat)existing.CloneNode(true);
            copy.NumberFormatId = FormatId(format);
            copy.ApplyNumberFormat = true;
            stylesheet.CellFormats.Append(copy);
            stylesheet.CellFormats.Count = (uint)stylesheet.CellFormats.ChildElements.Count;
            return _made[(style, format)] = stylesheet.CellFormats.Count - 1;
        }

        public void Save() => stylesheet.Save();

        private uint FormatId(string format)
        {
            // Built-in ids need no numFmt entry: 1 is "0", 4 is "#,##0.00".
            switch (format)
            {
                case IntegerFormat:
                    return 1;
                case AmountFormat:
                    return 4;
            }

            if (_ids.TryGetValue(format, out var id))
            {
                return id;
            }

            stylesheet.NumberingFormats ??= new NumberingFormats();
            var known = stylesheet.NumberingFormats.Elements<NumberingFormat>().FirstOrDefault(f => f.FormatCode?.Value == format);
            if (known is not null)
            {
                return _ids[format] = known.NumberFormatId!.Value;
            }

            // Custom formats start at 164; MiniExcel may have put its own date formats there.
            id = Math.Max(163, stylesheet.NumberingFormats.Elements<NumberingFormat>().Select(f => f.NumberFormatId?.Value ?? 0).DefaultIfEmpty(0u).Max()) + 1;
            stylesheet.NumberingFormats.Append(new NumberingFormat { NumberFormatId = id, FormatCode = format });
            stylesheet.NumberingFormats.Count = (uint)stylesheet.NumberingFormats.ChildElements.Count;
            return _ids[format] = id;
        }
    }
}
