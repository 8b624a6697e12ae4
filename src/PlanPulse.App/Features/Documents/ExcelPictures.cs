using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace PlanPulse.App.Features.Documents;

/// <summary>
/// Puts PNG charts on a sheet of a written workbook as pictures (a drawing part with one picture anchor each), one
/// below the other, each under its title in column A. MiniExcel cannot place images, so this is a pass with the Open
/// XML SDK after it, like <see cref="ExcelFills"/>. The pictures are the same PNGs the Word version embeds.
/// </summary>
public static class ExcelPictures
{
    /// <summary>Excel's default row height (15 pt) in pixels at 96 dpi: where the next picture may start.</summary>
    public const int RowPixels = 20;

    private const long EmuPerPixel = 9525;

    /// <summary>
    /// Rows of <paramref name="sheetName"/> that the caller fills with the titles: title i goes in the row returned
    /// at index i (0-based, below the header), its picture right under it.
    /// </summary>
    public static IReadOnlyList<int> TitleRows(int count, int heightPx)
    {
        var rowsPerPicture = (heightPx + RowPixels - 1) / RowPixels + 2;
        return Enumerable.Range(0, count).Select(i => i * (rowsPerPicture + 1)).ToList();
    }

    /// <summary>Adds <paramref name="pngs"/> to the sheet at the rows <see cref="TitleRows"/> gave, shown at the given size.</summary>
    public static byte[] Add(byte[] xlsx, string sheetName, IReadOnlyList<(byte[] Png, string Title)> pngs, int widthPx, int heightPx)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var wb = doc.WorkbookPart!;
            var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == sheetName);
            var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
            var drawings = part.DrawingsPart ?? part.AddNewPart<DrawingsPart>();
            drawings.WorksheetDrawing ??= new Xdr.WorksheetDrawing();
            var rows = TitleRows(pngs.Count, heightPx);
            for (var i = 0; i < pngs.Count; i++)
            {
                var image = drawings.AddImagePart(ImagePartType.Png);
                using (var png = new MemoryStream(pngs[i].Png))
                {
                    image.FeedData(png);
                }

                // Row 0 is the header; title i is in data row rows[i], so sheet row rows[i] + 1; the picture one below.
                drawings.WorksheetDrawing.Append(Anchor(drawings.GetIdOfPart(image), (uint)(i + 1), pngs[i].Title, rows[i] + 2, widthPx * EmuPerPixel, heightPx * EmuPerPixel));
            }

            drawings.WorksheetDrawing.Save();
            if (part.Worksheet.GetFirstChild<Drawing>() is null)
            {
                // <drawing> comes after the page set-up elements and before legacy drawings, table parts and extensions.
                var drawing = new Drawing { Id = part.GetIdOfPart(drawings) };
                OpenXmlElement? before = part.Worksheet.Elements().FirstOrDefault(e => e is LegacyDrawing or LegacyDrawingHeaderFooter or Picture or OleObjects or Controls or WebPublishItems or TableParts or WorksheetExtensionList);
                if (before is null)
                {
                    part.Worksheet.Append(drawing);
                }
                else
                {
                    part.Worksheet.InsertBefore(drawing, before);
                }

                part.Worksheet.Save();
            }
        }

        return stream.ToArray();
    }

    private static Xdr.OneCellAnchor Anchor(string imageId, uint id, string title, int row, long cx, long cy) => new(
        new Xdr.FromMarker(new Xdr.ColumnId("0"), new Xdr.ColumnOffset("0"), new Xdr.RowId(row.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
        new Xdr.Extent { Cx = cx, Cy = cy },
        new Xdr.Picture(
            new Xdr.NonVisualPictureProperties(
                new Xdr.NonVisualDrawingProperties { Id = id + 1, Name = $"图{id}", Description = title },
                new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
            new Xdr.BlipFill(new A.Blip { Embed = imageId }, new A.Stretch(new A.FillRectangle())),
            new Xdr.ShapeProperties(
                new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
        new Xdr.ClientData());
}
