using DocumentFormat.OpenXml.Packaging;

namespace PlanPulse.App.Features.Excel;

/// <summary>
/// Runs Open XML passes over a workbook MiniExcel wrote (colour fills, layout) in one open and one save, however many
/// passes a file gets.
/// </summary>
public static class WorkbookPasses
{
    public static byte[] Run(byte[] xlsx, params Action<SpreadsheetDocument>[] passes)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            foreach (var pass in passes)
            {
                pass(doc);
            }
        }

        return stream.ToArray();
    }
}
