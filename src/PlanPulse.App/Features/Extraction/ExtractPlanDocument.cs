using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using MiniExcelLibs;
using PlanPulse.Domain.Extraction;

namespace PlanPulse.App.Features.Extraction;

/// <summary>Reads a plan document and extracts its facts and tasks; writes them as JSON lines or a workbook.</summary>
public static class ExtractPlanDocument
{
    /// <summary>Compact JSON lines, Chinese left readable (no \uXXXX escapes).</summary>
    private static readonly JsonSerializerOptions LineJson = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public static ExtractionResult Run(string path) => PlanExtractor.Extract(PlanDocumentReader.Read(path));

    /// <summary>One object per line: facts (<c>"type":"fact"</c>) then tasks (<c>"type":"task"</c>), snake_case fields.</summary>
    public static void WriteJsonLines(ExtractionResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var f in result.Facts)
        {
            writer.Write(JsonSerializer.Serialize(FactRow(f), LineJson));
            writer.Write('\n');
        }

        foreach (var t in result.Tasks)
        {
            writer.Write(JsonSerializer.Serialize(TaskRow(t), LineJson));
            writer.Write('\n');
        }
    }

    /// <summary>A workbook with a 指标 (facts) sheet and a 任务分解 (tasks) sheet, for review in Excel/WPS.</summary>
    public static void WriteWorkbook(ExtractionResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        var facts = result.Facts.Select(FactRow).ToList();
        var tasks = result.Tasks.Select(t =>
        {
            var row = TaskRow(t);
            row["subject_units"] = string.Join('、', t.SubjectUnits);
            return row;
        }).ToList();
        var sheets = new Dictionary<string, object>
        {
            ["facts"] = facts.Count > 0 ? facts : [HeaderOnly(FactColumns)],
            ["tasks"] = tasks.Count > 0 ? tasks : [HeaderOnly(TaskColumns)],
        };
        // The same layout pass as every other export: widths that fit, a frozen header, number formats.
        using var raw = new MemoryStream();
        raw.SaveAs(sheets, excelType: ExcelType.XLSX);
        var laidOut = Excel.ExcelLayout.Apply(raw.ToArray());
        stream.Write(laidOut, 0, laidOut.Length);
    }

    /// <summary>A fact's kind as the JSON lines and the review spell it: "actual", "target", or null for an unknown part.</summary>
    public static string? KindText(FactKind? kind) => kind switch
    {
        FactKind.Actual => "actual",
        FactKind.Target => "target",
        _ => null,
    };

    // MiniExcel takes a sheet's columns from its first row: a document without tasks (or facts) still gets the header.
    private static readonly string[] FactColumns = ["type", "metric", "value", "unit", "growth_pct", "year", "kind", "qualifier", "quote", "start", "end", "section"];

    private static readonly string[] TaskColumns = ["type", "text", "metric", "quantity", "unit", "section", "year", "subject_units", "start", "end"];

    private static Dictionary<string, object?> HeaderOnly(string[] columns) => columns.ToDictionary(c => c, _ => (object?)null);

    private static Dictionary<string, object?> FactRow(PlanFact f) => new()
    {
        ["type"] = "fact",
        ["metric"] = f.Metric,
        ["value"] = f.Value,
        ["unit"] = f.Unit,
        ["growth_pct"] = f.GrowthPct,
        ["year"] = f.Year,
        ["kind"] = KindText(f.Kind),
        ["qualifier"] = f.Qualifier,
        ["quote"] = f.Quote,
        ["start"] = f.Start,
        ["end"] = f.End,
        ["section"] = f.Section,
    };

    private static Dictionary<string, object?> TaskRow(PlanTask t) => new()
    {
        ["type"] = "task",
        ["text"] = t.Text,
        ["metric"] = t.Metric,
        ["quantity"] = t.Quantity,
        ["unit"] = t.Unit,
        ["section"] = t.Section,
        ["year"] = t.Year,
        ["subject_units"] = t.SubjectUnits,
        ["start"] = t.Start,
        ["end"] = t.End,
    };
}
