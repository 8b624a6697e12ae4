using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;

namespace PlanPulse.App.Tests.Excel;

/// <summary>
/// Builds the sheets offices actually send: rows written cell by cell with MiniExcel (strings stay text, numbers stay
/// numbers, null is an empty cell), then the Open XML SDK merges the title row across the table as Excel does.
/// Row i of <paramref name="rows"/> is Excel row i + 1.
/// </summary>
public static class MessySheet
{
    public static MemoryStream Build(string sheetName, IReadOnlyList<object?[]> rows, bool mergeTitle = true)
    {
        var width = rows.Max(r => r.Length);
        var letters = Enumerable.Range(0, width).Select(Letter).ToArray();
        var data = rows.Select(r => letters.Select((l, i) => (l, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.l, x => x.v)).ToList();
        var stream = new MemoryStream();
        stream.SaveAs(data, printHeader: false, sheetName: sheetName);
        if (mergeTitle)
        {
            using var doc = SpreadsheetDocument.Open(stream, isEditable: true);
            var part = doc.WorkbookPart!.WorksheetParts.First();
            var merge = new MergeCells(new MergeCell { Reference = $"A1:{letters[^1]}1" }) { Count = 1 };
            part.Worksheet.InsertAfter(merge, part.Worksheet.GetFirstChild<SheetData>());
            part.Worksheet.Save();
        }

        stream.Position = 0;
        return stream;
    }

    public static string Letter(int index)
    {
        var s = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            s = (char)('A' + ((n - 1) % 26)) + s;
        }

        return s;
    }

    /// <summary>Every row of a workbook's first sheet as header → value, for reading back what the app wrote.</summary>
    public static List<IDictionary<string, object?>> ReadRows(byte[] xlsx, string? sheet = null)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true, sheetName: sheet).Select(r => (IDictionary<string, object?>)r).ToList();
    }
}
