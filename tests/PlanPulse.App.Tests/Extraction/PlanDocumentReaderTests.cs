using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PlanPulse.App.Features.Extraction;
using PlanPulse.Domain.Extraction;

namespace PlanPulse.App.Tests.Extraction;

/// <summary>Reading plan documents made by the test: .docx, GB18030 and UTF-8 text, and inputs that must be refused.</summary>
public sealed class PlanDocumentReaderTests : IDisposable
{
    private const string Report = "一、2024年工作回顾\n(一)经济运行\n全年地区生产总值增长5.2%,一般公共预算收入完成50.4亿元。\n二、2025年主要目标\n(一)发展目标\n地区生产总值增长5%左右。";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "planpulse-reader-" + Guid.NewGuid().ToString("N"));

    public PlanDocumentReaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Read_Docx_ParagraphsInOrder()
    {
        var path = Path.Combine(_folder, "report.docx");
        using (var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(Report.Split('\n').Select(line => new Paragraph(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve })))));
            main.Document.Save();
        }

        var text = PlanDocumentReader.Read(path);

        Assert.Equal(Report + "\n", text);
        var facts = ExtractPlanDocument.Run(path).Facts;
        Assert.Contains(facts, f => f.Metric == "地区生产总值" && f.GrowthPct == 5m && f.Year == 2025 && f.Kind == FactKind.Target && f.Qualifier == "左右");
        Assert.Contains(facts, f => f.Metric == "一般公共预算收入" && f.Value == 50.4m && f.Year == 2024 && f.Section == "一、(一)");
    }

    [Fact]
    public void Read_Gb18030Text_Detected()
    {
        var path = Path.Combine(_folder, "report-gbk.txt");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(path, Encoding.GetEncoding("GB18030").GetBytes(Report));

        Assert.Equal(Report, PlanDocumentReader.Read(path));
    }

    [Fact]
    public void Read_Utf8TextWithBom_BomDropped()
    {
        var path = Path.Combine(_folder, "report-bom.txt");
        File.WriteAllText(path, Report, new UTF8Encoding(true));

        Assert.Equal(Report, PlanDocumentReader.Read(path));
    }

    [Fact]
    public void Read_MissingFile_ClearError()
    {
        var ex = Assert.Throws<UnreadableDocumentException>(() => PlanDocumentReader.Read(Path.Combine(_folder, "none.txt")));
        Assert.Contains("不存在", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BinaryData_ClearError()
    {
        var path = Path.Combine(_folder, "random.bin");
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        Assert.Throws<UnreadableDocumentException>(() => PlanDocumentReader.Read(path));
    }

    [Fact]
    public void Read_BrokenDocx_ClearError()
    {
        var path = Path.Combine(_folder, "broken.docx");
        File.WriteAllBytes(path, [.. "PK\u0003\u0004"u8, .. new byte[100]]);

        var ex = Assert.Throws<UnreadableDocumentException>(() => PlanDocumentReader.Read(path));
        Assert.Contains("Word", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BrokenPdf_ClearError()
    {
        var path = Path.Combine(_folder, "broken.pdf");
        File.WriteAllBytes(path, "%PDF-1.7\nnot really a pdf"u8.ToArray());

        Assert.Throws<UnreadableDocumentException>(() => PlanDocumentReader.Read(path));
    }

    [Fact]
    public void WriteJsonLines_Facts_SnakeCaseUnescapedChinese()
    {
        var result = PlanExtractor.Extract(Report);
        using var writer = new StringWriter();
        ExtractPlanDocument.WriteJsonLines(result, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("{\"type\":\"fact\",\"metric\":\"地区生产总值\",\"value\":null,\"unit\":null,\"growth_pct\":5.2,\"year\":2024,\"kind\":\"actual\",\"qualifier\":null,\"quote\":", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("{\"type\":\"task\"", StringComparison.Ordinal));
        Assert.Equal(result.Facts.Count + result.Tasks.Count, lines.Length);
    }
}
