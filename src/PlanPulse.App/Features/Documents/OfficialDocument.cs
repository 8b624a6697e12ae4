using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace PlanPulse.App.Features.Documents;

/// <summary>
/// A Word document in the layout of GB/T 9704-2012 (党政机关公文格式): A4; margins top 37 mm, bottom 35 mm, left 28 mm,
/// right 26 mm; title in 小标宋 二号; body 仿宋 三号 on a grid of 22 lines of 28 characters (the standard's figure; see
/// docs/reports.md); first-level headings 黑体, second-level 楷体; page numbers "— 1 —" in 宋体 四号, odd pages right
/// and even pages left. The standard's fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are commercial and are not shipped:
/// the document names them, and each font-table entry carries an installed CJK font as its alternative.
/// </summary>
public sealed class OfficialDocument
{
    public const string TitleFont = "方正小标宋简体";
    public const string BodyFont = "仿宋_GB2312";
    public const string HeadingFont = "黑体";
    public const string SubheadingFont = "楷体_GB2312";
    public const string PageNumberFont = "宋体";

    /// <summary>Installed on the servers we set up (fonts-noto-cjk, fonts-wqy-microhei): the fallbacks named in the font table.</summary>
    public const string SerifFallback = "Noto Serif CJK SC";
    public const string SansFallback = "Noto Sans CJK SC";

    // Twentieths of a point (twips): 1 mm = 1440 / 25.4 twips.
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public static readonly int MarginTop = Mm(37);
    public static readonly int MarginBottom = Mm(35);
    public static readonly int MarginLeft = Mm(28);
    public static readonly int MarginRight = Mm(26);

    /// <summary>225 mm of text height over 22 lines.</summary>
    public static readonly int LinePitch = (PageHeight - MarginTop - MarginBottom) / 22;

    private const string BodySize = "32"; // half-points: 三号 = 16 pt
    private const string TitleSize = "44"; // 二号 = 22 pt
    private const string TableSize = "24"; // 小四 = 12 pt, so that tables of figures fit the 156 mm text width
    private const string PageNumberSize = "28"; // 四号 = 14 pt

    private readonly List<OpenXmlElement> _body = [];
    private readonly List<(string Id, byte[] Png, long WidthEmu, long HeightEmu)> _images = [];

    public static int Mm(double mm) => (int)Math.Round(mm * 1440 / 25.4);

    public OfficialDocument Title(string text)
    {
        _body.Add(Para(text, TitleFont, TitleSize, JustificationValues.Center, indent: false, bold: false, spacingAfterLines: 1));
        return this;
    }

    /// <summary>主送机关: flush left, no indent, ends with a full-width colon.</summary>
    public OfficialDocument Addressee(string text)
    {
        _body.Add(Para(text, BodyFont, BodySize, JustificationValues.Both, indent: false));
        return this;
    }

    public OfficialDocument Heading1(string text)
    {
        _body.Add(Para(text, HeadingFont, BodySize, JustificationValues.Both, indent: true));
        return this;
    }

    public OfficialDocument Heading2(string text)
    {
        _body.Add(Para(text, SubheadingFont, BodySize, JustificationValues.Both, indent: true));
        return this;
    }

    /// <summary>A body paragraph, first line indented two characters.</summary>
    public OfficialDocument Paragraph(string text)
    {
        _body.Add(Para(text, BodyFont, BodySize, JustificationValues.Both, indent: true));
        return this;
    }

    /// <summary>发文机关署名 and 成文日期: right-aligned, four characters from the right margin.</summary>
    public OfficialDocument Signature(string unit, DateOnly date)
    {
        _body.Add(Para(string.Empty, BodyFont, BodySize, JustificationValues.Right, indent: false));
        foreach (var line in new[] { unit, $"{date.Year}年{date.Month}月{date.Day}日" })
        {
            _body.Add(Para(line, BodyFont, BodySize, JustificationValues.Right, indent: false, rightIndent: (16 * 20 * 4).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return this;
    }

    /// <summary>
    /// A table: header row repeated on every page, figures right-aligned. <paramref name="fills"/> gives a cell's
    /// background (hex RGB) by (row, column) for colour-coded cells; rows index the data rows from 0.
    /// </summary>
    public OfficialDocument Table(string? caption, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlySet<int>? numericColumns = null, Func<int, int, string?>? fills = null)
    {
        if (caption is not null)
        {
            _body.Add(Para(caption, HeadingFont, TableSize, JustificationValues.Center, indent: false));
        }

        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        // Text columns get three shares of the width, figures one and a half: names wrap less, numbers never.
        var shares = headers.Select((_, c) => numericColumns?.Contains(c) == true ? 1.5 : 3.0).ToArray();
        var textWidth = PageWidth - MarginLeft - MarginRight;
        table.Append(new TableGrid(shares.Select(w => new GridColumn { Width = ((int)(textWidth * w / shares.Sum())).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(headers, header: true, numericColumns, null, -1));
        for (var r = 0; r < rows.Count; r++)
        {
            table.Append(Row(rows[r], header: false, numericColumns, fills, r));
        }

        _body.Add(table);
        _body.Add(Para(string.Empty, BodyFont, TableSize, JustificationValues.Left, indent: false));
        return this;
    }

    /// <summary>A chart (PNG) centred, scaled to the text width.</summary>
    public OfficialDocument Image(byte[] png, int widthPx, int heightPx, string description)
    {
        var id = $"rIdImg{_images.Count + 1}";
        var textWidthEmu = (long)(PageWidth - MarginLeft - MarginRight) * 635; // 1 twip = 635 EMU
        var heightEmu = textWidthEmu * heightPx / widthPx;
        _images.Add((id, png, textWidthEmu, heightEmu));
        var n = (uint)_images.Count;
        var drawing = new Drawing(new DW.Inline(
            new DW.Extent { Cx = textWidthEmu, Cy = heightEmu },
            new DW.DocProperties { Id = n, Name = $"图{n}", Description = description },
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = n, Name = $"chart{n}.png", Description = description }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = id }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = textWidthEmu, Cy = heightEmu }), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 });
        _body.Add(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = JustificationValues.Center }), new Run(drawing)));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            AddFontTable(main);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new EvenAndOddHeaders(), new ThemeFontLanguages { EastAsia = "zh-CN", Val = "zh-CN" });

            foreach (var (id, png, _, _) in _images)
            {
                var part = main.AddImagePart(ImagePartType.Png, id);
                using var ms = new MemoryStream(png);
                part.FeedData(ms);
            }

            var odd = main.AddNewPart<FooterPart>();
            odd.Footer = PageNumberFooter(JustificationValues.Right);
            var even = main.AddNewPart<FooterPart>();
            even.Footer = PageNumberFooter(JustificationValues.Left);

            var body = new Body();
            foreach (var e in _body)
            {
                body.Append(e);
            }

            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(odd) },
                new FooterReference { Type = HeaderFooterValues.Even, Id = main.GetIdOfPart(even) },
                new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight },
                new PageMargin
                {
                    Top = MarginTop,
                    Bottom = MarginBottom,
                    Left = (UInt32Value)(uint)MarginLeft,
                    Right = (UInt32Value)(uint)MarginRight,
                    Header = (UInt32Value)(uint)Mm(15),
                    Footer = (UInt32Value)(uint)Mm(20), // the page number sits 7 mm below the text block's last line
                    Gutter = 0,
                },
                new DocGrid { Type = DocGridValues.LinesAndChars, LinePitch = LinePitch, CharacterSpace = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Footer PageNumberFooter(JustificationValues side)
    {
        // "— 1 —": an em dash either side of the number; one character in from the outer edge.
        RunProperties Rp() => new(new RunFonts { Ascii = PageNumberFont, HighAnsi = PageNumberFont, EastAsia = PageNumberFont }, new FontSize { Val = PageNumberSize });
        var p = new Paragraph(
            new ParagraphProperties(side == JustificationValues.Right ? new Indentation { Right = "280" } : new Indentation { Left = "280" }, new Justification { Val = side }),
            new Run(Rp(), new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(Rp(), new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(Rp(), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(Rp(), new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(Rp(), new Text("1")),
            new Run(Rp(), new FieldChar { FieldCharType = FieldCharValues.End }),
            new Run(Rp(), new Text(" —") { Space = SpaceProcessingModeValues.Preserve }));
        return new Footer(p);
    }

    private TableRow Row(IReadOnlyList<string> cells, bool header, IReadOnlySet<int>? numeric, Func<int, int, string?>? fills, int rowIndex)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        for (var c = 0; c < cells.Count; c++)
        {
            // tcPr children in schema order: shading before vertical alignment.
            var props = new TableCellProperties();
            if (header)
            {
                props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9D9D9" });
            }
            else if (fills?.Invoke(rowIndex, c) is { } fill)
            {
                props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill });
            }

            props.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
            var align = header ? JustificationValues.Center : numeric?.Contains(c) == true ? JustificationValues.Right : JustificationValues.Left;
            var p = Para(cells[c], header ? HeadingFont : BodyFont, TableSize, align, indent: false, exactLine: false);
            row.Append(new TableCell(props, p));
        }

        return row;
    }

    private static Paragraph Para(string text, string font, string size, JustificationValues align, bool indent, bool bold = false, int spacingAfterLines = 0, bool exactLine = true, string? rightIndent = null)
    {
        // Children in the schema's order (snapToGrid, spacing, ind, jc): Word rejects a document that has them out of order.
        var pp = new ParagraphProperties();
        if (!exactLine)
        {
            pp.Append(new SnapToGrid { Val = false }); // table text keeps its own small line height, off the 22-line grid
        }

        pp.Append(new SpacingBetweenLines
        {
            Line = exactLine ? LinePitch.ToString(System.Globalization.CultureInfo.InvariantCulture) : "300",
            LineRule = exactLine ? LineSpacingRuleValues.Exact : LineSpacingRuleValues.Auto,
            Before = "0",
            After = (spacingAfterLines * LinePitch).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (indent)
        {
            // Two characters; FirstLine in twips too, which LibreOffice reads when it ignores the character count.
            pp.Append(new Indentation { FirstLineChars = 200, FirstLine = (2 * 320).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        else if (rightIndent is not null)
        {
            pp.Append(new Indentation { Right = rightIndent });
        }

        pp.Append(new Justification { Val = align });

        var rp = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font }, new FontSize { Val = size }, new FontSizeComplexScript { Val = size }, new Languages { EastAsia = "zh-CN" });
        if (bold)
        {
            rp.Append(new Bold());
        }

        return new Paragraph(pp, new Run(rp, new Text(FullWidth(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>
    /// Chinese documents use full-width punctuation (，；：（）); the app's strings use ASCII for the UI. A comma or
    /// colon between two digits (1,000 or 10:30) is left alone.
    /// </summary>
    public static string FullWidth(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var betweenDigits = i > 0 && i < chars.Length - 1 && char.IsAsciiDigit(chars[i - 1]) && char.IsAsciiDigit(chars[i + 1]);
            chars[i] = chars[i] switch
            {
                ',' when !betweenDigits => '，',
                ';' => '；',
                ':' when !betweenDigits => '：',
                '(' => '（',
                ')' => '）',
                '!' => '！',
                '?' => '？',
                _ => chars[i],
            };
        }

        return new string(chars);
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, EastAsia = BodyFont, ComplexScript = BodyFont },
                    new FontSize { Val = BodySize },
                    new Languages { Val = "zh-CN", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
    }

    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        Font F(string name, string alt, FontFamilyValues family) => new(new AltName { Val = alt }, new FontCharSet { Val = "86" }, new FontFamily { Val = family }) { Name = name };
        part.Fonts = new Fonts(
            F(TitleFont, SerifFallback, FontFamilyValues.Roman),
            F(BodyFont, SerifFallback, FontFamilyValues.Roman),
            F(SubheadingFont, SerifFallback, FontFamilyValues.Roman),
            F(HeadingFont, SansFallback, FontFamilyValues.Swiss),
            F(PageNumberFont, SerifFallback, FontFamilyValues.Roman));
    }
}
