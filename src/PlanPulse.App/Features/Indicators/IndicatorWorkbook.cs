using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Periods;

namespace PlanPulse.App.Features.Indicators;

/// <summary>
/// Indicator figures in the statistics bureau's usual sheet: a row per indicator, columns for the period's
/// cumulative value and year-on-year growth. The template comes pre-filled with the year's indicators; the import
/// goes through <see cref="RecordObservations"/> (all rows or none), with every error placed at its sheet row and column.
/// </summary>
public static partial class IndicatorWorkbook
{
    public const string SheetName = "指标数据";

    private static readonly (string Field, string Header, string[] Synonyms)[] Columns =
    [
        ("indicatorCode", "指标代码", ["代码", "编码", "指标编码"]),
        ("name", "指标名称", ["指标", "名称"]),
        ("unit", "单位", ["计量单位"]),
        ("period", "期间", ["期别", "月份", "统计期"]),
        ("value", "本期累计值", ["累计值", "累计", "本月累计", "1-本月累计"]),
        ("growth", "同比增长(%)", ["同比增长", "增速(%)", "增速", "增长(%)", "同比±%"]),
        ("final", "终审(是/否)", ["终审", "是否终审"]),
        ("source", "来源", ["数据来源"]),
        ("note", "备注", ["说明"]),
    ];

    /// <summary>The template for a month: every indicator with a target in the year, period filled in.</summary>
    public static async Task<byte[]> TemplateAsync(AppDbContext db, YearMonth month, CancellationToken ct = default)
    {
        var rows = await (from t in db.IndicatorTargets
                          where t.Year == month.Year && t.Region == "" && t.Plan!.Kind == PlanKind.Annual
                          orderby t.Indicator!.SortOrder
                          select new { t.Indicator!.Code, t.Indicator.Name, t.Indicator.Unit }).ToListAsync(ct);
        var period = $"{month.Year}{month.Month:00}";
        var sheets = new Dictionary<string, object>
        {
            [SheetName] = rows.Select(r => new Dictionary<string, object?>
            {
                ["指标代码"] = r.Code,
                ["指标名称"] = r.Name,
                ["单位"] = r.Unit,
                ["期间"] = period,
                ["本期累计值"] = null,
                ["同比增长(%)"] = null,
                ["终审(是/否)"] = "否",
                ["来源"] = "区统计局",
                ["备注"] = null,
            }).ToList(),
            ["填表说明"] = new[]
            {
                "每行一个指标;指标代码、单位请勿修改(单位须与指标一致)。",
                "期间:月份写 yyyyMM(如 202306),季度写 2023Q2,全年写 2023。",
                "本期累计值:1月至本期末的累计数,按“单位”列填写;只考核增速的指标可只填同比增长。",
                "同比增长(%):填数字,下降填负数(如 -3.7),不带 % 亦可。",
                "终审:快报数填“否”,统计局终审后再报“是”,终审数替换同期快报数。",
                "累计值、增速都空着的行视为本期未报,不导入;任何一行有错,整张表都不导入。",
            }.Select(t => new Dictionary<string, object?> { ["说明"] = t }).ToList(),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return Excel.ExcelLayout.Apply(stream.ToArray());
    }

    public sealed record ImportResult(int Saved, int Skipped, IReadOnlyList<RecordedObservation> Rows);

    /// <summary>
    /// Reads the sheet and records its figures, all or none. Errors are thrown as <see cref="ValidationFailedException"/>
    /// with keys like <c>指标数据!E5</c> and messages naming the sheet row and column.
    /// </summary>
    public static async Task<ImportResult> ImportAsync(AppDbContext db, Stream xlsx, TimeProvider clock, CancellationToken ct = default)
    {
        List<IDictionary<string, object?>> raw;
        try
        {
            var names = xlsx.GetSheetNames();
            var sheet = names.Contains(SheetName) ? SheetName : names.FirstOrDefault();
            raw = xlsx.Query(useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = [$"无法读取 Excel 文件:{e.Message}"] });
        }

        // The header is the first row naming a code column and a value or growth column; merged titles above it are skipped.
        var headerIndex = raw.FindIndex(r => Find(r, "indicatorCode") is not null && (Find(r, "value") is not null || Find(r, "growth") is not null));
        if (headerIndex < 0)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = [$"未找到表头:需要“指标代码”和“本期累计值”或“同比增长(%)”列"] });
        }

        var header = raw[headerIndex];
        var columns = Columns.ToDictionary(c => c.Field, c => Find(header, c.Field), StringComparer.Ordinal);
        string? Cell(IDictionary<string, object?> row, string field) =>
            columns[field] is { } col && row.TryGetValue(col, out var v) ? Text(v) : null;

        var inputs = new List<ObservationInput>();
        var excelRows = new List<int>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var skipped = 0;
        for (var i = headerIndex + 1; i < raw.Count; i++)
        {
            var row = raw[i];
            var excelRow = i + 1;
            var code = Cell(row, "indicatorCode");
            var value = Cell(row, "value");
            var growth = Cell(row, "growth");
            if (string.IsNullOrWhiteSpace(code))
            {
                var subtotal = row.Values.Any(v => Text(v) is { } t && Subtotal().IsMatch(t));
                if (!subtotal && (value is not null || growth is not null))
                {
                    errors[$"{SheetName}!{columns["indicatorCode"]}{excelRow}"] = [$"第{excelRow}行“指标代码”列:有数据但没有指标代码"];
                }

                continue; // blank or subtotal (合计/小计) rows
            }

            if (value is null && growth is null)
            {
                skipped++; // a template row not filled in: not reported this period
                continue;
            }

            var final = Cell(row, "final");
            inputs.Add(new ObservationInput(code, Cell(row, "period"), value, growth?.TrimEnd('%', '％'), final is "是" or "终审" or "Y" or "y" or "TRUE" or "true" or "1", Cell(row, "source"), Cell(row, "note"), Unit: Cell(row, "unit")));
            excelRows.Add(excelRow);
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        if (inputs.Count == 0)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = ["表中没有填写任何累计值或增速"] });
        }

        try
        {
            var result = await RecordObservations.HandleAsync(db, new RecordObservationsCommand(inputs), clock, ct);
            return new ImportResult(result.Rows.Count, skipped, result.Rows);
        }
        catch (ValidationFailedException e)
        {
            // rows[i].field → the sheet's cell: 指标数据!E5, message prefixed with the sheet row and the column's header.
            var placed = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (key, messages) in e.Errors)
            {
                var m = RowKey().Match(key);
                if (!m.Success)
                {
                    placed[key] = messages;
                    continue;
                }

                var excelRow = excelRows[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)];
                var field = m.Groups[2].Value;
                var column = columns.GetValueOrDefault(field) ?? columns["indicatorCode"];
                var headerText = column is not null && header.TryGetValue(column, out var h) ? Text(h) : field;
                placed[$"{SheetName}!{column}{excelRow}"] = messages.Select(msg => $"工作表“{SheetName}”第{excelRow}行“{headerText}”列({column}):{StripRow().Replace(msg, string.Empty)}").ToArray();
            }

            throw new ValidationFailedException(placed);
        }
    }

    private static string? Find(IDictionary<string, object?> row, string field)
    {
        var spec = Columns.First(c => c.Field == field);
        foreach (var (column, value) in row)
        {
            if (Text(value) is { } t)
            {
                var h = Chinese(t);
                if (h == Chinese(spec.Header) || spec.Synonyms.Any(s => Chinese(s) == h))
                {
                    return column;
                }
            }
        }

        return null;
    }

    // Headers compared without spaces and with full-width brackets narrowed: "同比增长（%）" is "同比增长(%)".
    private static string Chinese(string s) => s.Replace(" ", string.Empty, StringComparison.Ordinal).Replace('（', '(').Replace('）', ')').Replace('％', '%').Trim();

    private static string? Text(object? v) => v switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        DateTime dt => dt.ToString("yyyyMM", CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^rows\[(\d+)\]\.(\w+)$")]
    private static partial Regex RowKey();

    [GeneratedRegex(@"^第\d+行")]
    private static partial Regex StripRow();

    [GeneratedRegex(@"^(合计|小计|总计)")]
    private static partial Regex Subtotal();
}
