using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Text;

namespace PlanPulse.App.Features.Excel;

/// <summary>One problem in an uploaded sheet, placed where the user will look for it: sheet, Excel row number, column.</summary>
public sealed record ExcelProblem(string Sheet, int Row, string? Column, string? ColumnLetter, string Message)
{
    public override string ToString()
    {
        var where = new StringBuilder($"工作表“{Sheet}”");
        if (Row > 0)
        {
            where.Append(CultureInfo.InvariantCulture, $"第{Row}行");
        }

        if (ColumnLetter is not null)
        {
            where.Append(CultureInfo.InvariantCulture, $" {ColumnLetter}列");
        }

        if (Column is not null)
        {
            where.Append(CultureInfo.InvariantCulture, $"({Column})");
        }

        return $"{where}:{Message}";
    }
}

public enum CellKind
{
    Text,

    /// <summary>An amount in 万元; the header may say 亿元 or 元 instead and the value is converted.</summary>
    Amount,

    Date,
}

/// <summary>A column the importer knows: the header the templates write, and the names real sheets use for it.</summary>
public sealed record ColumnSpec(string Key, string Label, CellKind Kind, bool Required, params string[] Synonyms)
{
    public IEnumerable<string> Names => Synonyms.Prepend(Label);
}

/// <summary>A header matched to a known column: where it is, what it said, and the factor its unit converts by.</summary>
public sealed record BoundColumn(ColumnSpec Spec, string Letter, string Header, decimal Scale);

/// <summary>A data row: its Excel row number and the cells MiniExcel read, keyed by column letter.</summary>
public sealed record SheetRow(int Number, IDictionary<string, object?> Cells);

/// <summary>
/// Reads a sheet the way people fill them in, not the way a template was meant to be: a merged title above the
/// header (the header row is the row naming the most known columns), columns in any order and under other names,
/// numbers stored as text, thousands separators, full-width digits, 万元 or 亿元 as the header says, blank rows,
/// subtotal rows (合计/小计/总计) and section headings ("一、新材料专项") skipped. What cannot be read exactly is a
/// problem with a reason, never a guess: 约3亿 and 3-5亿 are what people write when they do not know the figure.
/// </summary>
public sealed class SheetReader : IDisposable
{
    /// <summary>How far down a header may be: title, subtitle, unit note, date line, blank rows.</summary>
    private const int HeaderSearchRows = 30;

    private static readonly string[] SubtotalWords = ["合计", "小计", "总计", "共计"];

    private readonly List<BoundColumn> _columns = [];
    private readonly Dictionary<string, BoundColumn> _byKey = new(StringComparer.Ordinal);

    private Stream? _stream;
    private IEnumerator<dynamic>? _rows;
    private int _number;

    private SheetReader(string sheet) => Sheet = sheet;

    public string Sheet { get; }

    /// <summary>Excel row number of the header; 0 when none was found.</summary>
    public int HeaderRow { get; private set; }

    /// <summary>Every header cell in sheet order (letter → text), known or not: the rejected-rows sheet repeats them.</summary>
    public IReadOnlyList<(string Letter, string Text)> Headers { get; private set; } = [];

    public List<ExcelProblem> Problems { get; } = [];

    /// <summary>Data rows read so far by <see cref="ReadRows"/>.</summary>
    public int RowCount { get; private set; }

    /// <summary>Blank, subtotal and heading rows passed over so far.</summary>
    public int Skipped { get; private set; }

    public bool Has(string key) => _byKey.ContainsKey(key);

    public BoundColumn? Column(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>
    /// Opens <paramref name="sheetName"/> (or the first sheet whose header names the required columns) of an .xlsx
    /// and reads down to its header. A file that is not an .xlsx, or has no such header, comes back with a problem.
    /// The stream must stay open while <see cref="ReadRows"/> and <see cref="Reread"/> are used.
    /// </summary>
    public static SheetReader Read(Stream xlsx, IReadOnlyList<ColumnSpec> specs, string? sheetName = null)
    {
        List<string> sheets;
        try
        {
            sheets = xlsx.GetSheetNames();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or NotSupportedException or System.Xml.XmlException)
        {
            var bad = new SheetReader(sheetName ?? "?");
            bad.Problems.Add(new ExcelProblem(bad.Sheet, 0, null, null, "无法读取文件:请上传 Excel 2007 及以上的 .xlsx 文件(.xls 请先另存为 .xlsx)"));
            return bad;
        }

        var candidates = sheetName is not null ? sheets.Where(s => s == sheetName).ToList() : sheets.Where(s => s != ExcelTemplates.InstructionsSheet && s != ExcelTemplates.OptionsSheet).ToList();
        if (candidates.Count == 0)
        {
            var none = new SheetReader(sheetName ?? sheets.FirstOrDefault() ?? "?");
            none.Problems.Add(new ExcelProblem(none.Sheet, 0, null, null, sheetName is null ? "文件中没有工作表" : $"文件中没有名为“{sheetName}”的工作表"));
            return none;
        }

        // The first sheet with a clean header wins; otherwise the first sheet's problems are the ones to show.
        foreach (var name in candidates)
        {
            xlsx.Position = 0;
            var probe = new SheetReader(name);
            probe.FindHeader(xlsx, specs, keepOpen: false);
            if (probe.HeaderRow > 0 && probe.Problems.Count == 0)
            {
                xlsx.Position = 0;
                var reader = new SheetReader(name);
                reader.FindHeader(xlsx, specs, keepOpen: true);
                return reader;
            }
        }

        xlsx.Position = 0;
        var first = new SheetReader(candidates[0]);
        first.FindHeader(xlsx, specs, keepOpen: false);
        return first;
    }

    /// <summary>
    /// The data rows below the header, streamed: a 50,000-row sheet is never held in memory as cells, only as what
    /// the importer keeps of each row. Can be enumerated once.
    /// </summary>
    public IEnumerable<SheetRow> ReadRows()
    {
        if (_rows is null)
        {
            yield break;
        }

        while (_rows.MoveNext())
        {
            // MiniExcel yields one row per sheet row from A1, blank ones included, so the count is the Excel row number.
            _number++;
            var cells = (IDictionary<string, object?>)_rows.Current;
            if (IsBlank(cells) || IsSubtotalOrHeading(cells))
            {
                Skipped++;
                continue;
            }

            RowCount++;
            yield return new SheetRow(_number, cells);
        }
    }

    /// <summary>Reads the sheet again for the given rows (the rejected ones, to hand back), in sheet order.</summary>
    public IEnumerable<SheetRow> Reread(IReadOnlySet<int> numbers)
    {
        if (_stream is null)
        {
            yield break;
        }

        _stream.Position = 0;
        var number = 0;
        foreach (var raw in _stream.Query(useHeaderRow: false, sheetName: Sheet))
        {
            number++;
            if (numbers.Contains(number))
            {
                yield return new SheetRow(number, (IDictionary<string, object?>)raw);
            }
        }
    }

    public void Dispose() => _rows?.Dispose();

    private void FindHeader(Stream xlsx, IReadOnlyList<ColumnSpec> specs, bool keepOpen)
    {
        var rows = xlsx.Query(useHeaderRow: false, sheetName: Sheet).GetEnumerator();
        var number = 0;
        while (number < HeaderSearchRows && rows.MoveNext())
        {
            number++;
            if (TryHeader((IDictionary<string, object?>)rows.Current, specs, number))
            {
                break;
            }
        }

        if (HeaderRow == 0)
        {
            rows.Dispose();
            var required = string.Join("、", specs.Where(s => s.Required).Select(s => s.Label));
            Problems.Add(new ExcelProblem(Sheet, 0, null, null, $"前{HeaderSearchRows}行中找不到表头:表头应包含 {required} 等列"));
            return;
        }

        if (!keepOpen)
        {
            rows.Dispose();
            return;
        }

        _stream = xlsx;
        _rows = rows;
        _number = number;
    }

    /// <summary>The first row naming at least two known columns including every required one is the header.</summary>
    private bool TryHeader(IDictionary<string, object?> cells, IReadOnlyList<ColumnSpec> specs, int number)
    {
        var matched = new List<BoundColumn>();
        var problems = new List<ExcelProblem>();
        var headers = new List<(string, string)>();
        foreach (var (letter, value) in cells)
        {
            if (value is not string text || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            headers.Add((letter, text.Trim()));
            var (name, unit) = SplitHeader(text);
            var spec = specs.FirstOrDefault(s => s.Names.Any(n => string.Equals(Normalise(n), name, StringComparison.Ordinal)));
            if (spec is null)
            {
                continue;
            }

            var scale = 1m;
            if (spec.Kind == CellKind.Amount && unit is not null)
            {
                scale = unit switch
                {
                    "万元" or "万" => 1m,
                    "亿元" or "亿" => 10_000m,
                    "元" => 0.0001m,
                    _ => 0m,
                };
                if (scale == 0m)
                {
                    problems.Add(new ExcelProblem(Sheet, number, text.Trim(), letter, $"无法识别金额单位“{unit}”,请用万元或亿元"));
                    scale = 1m;
                }
            }

            var duplicate = matched.FirstOrDefault(m => m.Spec.Key == spec.Key);
            if (duplicate is not null)
            {
                problems.Add(new ExcelProblem(Sheet, number, text.Trim(), letter, $"与 {duplicate.Letter}列“{duplicate.Header}”是同一项,只能保留一列"));
                continue;
            }

            matched.Add(new BoundColumn(spec, letter, text.Trim(), scale));
        }

        var requiredFound = specs.Where(s => s.Required).Count(s => matched.Any(m => m.Spec.Key == s.Key));
        if (matched.Count < 2 || requiredFound == 0)
        {
            return false;
        }

        HeaderRow = number;
        Headers = headers;
        _columns.AddRange(matched);
        foreach (var c in matched)
        {
            _byKey[c.Spec.Key] = c;
        }

        Problems.AddRange(problems);
        foreach (var missing in specs.Where(s => s.Required && !_byKey.ContainsKey(s.Key)))
        {
            Problems.Add(new ExcelProblem(Sheet, number, missing.Label, null, $"缺少必填列“{missing.Label}”(也可写作:{string.Join("、", missing.Synonyms)})"));
        }

        return true;
    }

    private static bool IsBlank(IDictionary<string, object?> cells)
    {
        foreach (var value in cells.Values)
        {
            if (value is not null && (value is not string s || !string.IsNullOrWhiteSpace(s)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// 合计/小计 rows are sums of rows already read; a row with a single text cell is a section heading
    /// ("一、新材料高地专项"). Only the first column and the code and name columns are looked at for the words, because
    /// 建设内容 may well begin with 总计.
    /// </summary>
    private bool IsSubtotalOrHeading(IDictionary<string, object?> cells)
    {
        var nonBlank = 0;
        object? only = null;
        foreach (var value in cells.Values)
        {
            if (value is not null && (value is not string s || !string.IsNullOrWhiteSpace(s)))
            {
                nonBlank++;
                only = value;
            }
        }

        if (nonBlank == 1 && only is string && (Column("code") is not { } code || !cells.TryGetValue(code.Letter, out var c) || c is null))
        {
            return true;
        }

        foreach (var letter in new[] { "A", Column("code")?.Letter, Column("name")?.Letter })
        {
            if (letter is not null && cells.TryGetValue(letter, out var v) && v is string text)
            {
                var t = Normalise(text);
                if (SubtotalWords.Any(w => t.StartsWith(w, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"总投资\n（亿元）*" → ("总投资", "亿元").</summary>
    internal static (string Name, string? Unit) SplitHeader(string header)
    {
        var h = Normalise(header).Replace("*", string.Empty, StringComparison.Ordinal);
        var open = h.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && h.EndsWith(')'))
        {
            return (h[..open], h[(open + 1)..^1]);
        }

        return (h, null);
    }

    /// <summary>Removes every kind of space and maps full-width forms to ASCII, so headers and dates compare as typed.</summary>
    internal static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in AmountText.Narrow(Chinese.NarrowForms(text)))
        {
            if (!char.IsWhiteSpace(ch))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    /// <summary>Reads a row's cells, adding a problem for each that cannot be read exactly.</summary>
    public RowReader Row(SheetRow row, List<ExcelProblem> problems) => new(this, row, problems);

    internal void Problem(List<ExcelProblem> problems, int row, string key, string message)
    {
        var c = Column(key);
        problems.Add(new ExcelProblem(Sheet, row, c?.Header, c?.Letter, message));
    }
}

/// <summary>Typed access to one row; each unreadable cell adds one problem naming the cell.</summary>
public readonly struct RowReader(SheetReader sheet, SheetRow row, List<ExcelProblem> problems)
{
    private static readonly Regex YearMonthDay = new(@"^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    public int Number => row.Number;

    public SheetRow Source => row;

    public bool Has(string key) => sheet.Has(key);

    public void Fail(string key, string message) => sheet.Problem(problems, row.Number, key, message);

    private object? Raw(string key) =>
        sheet.Column(key) is { } c && row.Cells.TryGetValue(c.Letter, out var v) && v is not (string and "") ? v : null;

    /// <summary>Trimmed text, or null when blank. A number typed as a number (a code like 2301) reads as its digits.</summary>
    public string? Text(string key, int maxLength = 0)
    {
        var raw = Raw(key);
        var text = raw switch
        {
            null => null,
            string s => s.Trim(),
            double d => ((decimal)d).ToString(CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => raw.ToString()?.Trim(),
        };
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (maxLength > 0 && text.Length > maxLength)
        {
            Fail(key, $"最多{maxLength}字,实有{text.Length}字");
        }

        return text;
    }

    /// <summary>An amount in 万元 (converted from the header's unit), null when blank; false when it cannot be read exactly.</summary>
    public bool Amount(string key, out decimal? value)
    {
        value = null;
        var raw = Raw(key);
        if (raw is null)
        {
            return true;
        }

        decimal number;
        switch (raw)
        {
            case double d:
                number = (decimal)d;
                break;
            case decimal m:
                number = m;
                break;
            case int or long:
                number = Convert.ToDecimal(raw, CultureInfo.InvariantCulture);
                break;
            case string s when string.IsNullOrWhiteSpace(s):
                return true;
            case string s:
                var scale = sheet.Column(key)?.Scale ?? 1m;
                var parse = AmountText.Parse(s, scale == 10_000m ? AmountUnit.Yi : scale == 0.0001m ? AmountUnit.Yuan : AmountUnit.Wan);
                if (!parse.Ok)
                {
                    Fail(key, parse.Message);
                    return false;
                }

                number = parse.Value;
                break;
            default:
                Fail(key, $"“{raw}”不是数字");
                return false;
        }

        var scaled = number * (sheet.Column(key)?.Scale ?? 1m);
        if (decimal.Round(scaled, 4) != scaled)
        {
            // Amounts are kept to the yuan (万元 with four decimals); rounding someone's figure silently is not reading it.
            Fail(key, $"“{raw}”精确到元以下(万元最多4位小数),请核对");
            return false;
        }

        value = scaled;
        return true;
    }

    /// <summary>
    /// An amount that cannot be negative, named <paramref name="name"/> in the message; required when
    /// <paramref name="whenBlank"/> (the message for a blank cell) is given. False when the cell adds a problem.
    /// </summary>
    public bool NonNegative(string key, string name, string? whenBlank, out decimal? value)
    {
        if (!Amount(key, out value))
        {
            return false;
        }

        if (value is null && whenBlank is not null)
        {
            Fail(key, whenBlank);
            return false;
        }

        if (value is { } v && v < 0)
        {
            Fail(key, $"{name}不能为负数:{Wan(v)}");
            return false;
        }

        return true;
    }

    /// <summary>万元 as people write them: 0.1 read under a 亿元 header is 1000, not 1000.0.</summary>
    public static string Wan(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A date, null when blank: a date cell, 2023-03-01, 2023/3/1, 2023.3.1, 2023年3月(1日), 2023-03 (the 1st).</summary>
    public bool Date(string key, out DateOnly? value)
    {
        value = null;
        var raw = Raw(key);
        switch (raw)
        {
            case null:
                return true;
            case DateTime dt:
                value = DateOnly.FromDateTime(dt);
                return true;
            case double d when d is > 3000 and < 2958466 && d == Math.Floor(d):
                // A date cell without a date format arrives as its serial number.
                value = DateOnly.FromDateTime(DateTime.FromOADate(d));
                return true;
            case string s when string.IsNullOrWhiteSpace(s):
                return true;
        }

        var text = SheetReader.Normalise(raw.ToString() ?? string.Empty);
        var m = YearMonthDay.Match(text);
        if (m.Success)
        {
            var y = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var mo = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var day = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
            if (y is >= 1900 and <= 2200 && mo is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, mo))
            {
                // "2023.1" may be January or an October whose trailing zero Excel dropped: only a two-digit month is sure.
                if (!(text.Contains('.', StringComparison.Ordinal) && !m.Groups[3].Success && m.Groups[2].Value.Length == 1))
                {
                    value = new DateOnly(y, mo, day);
                    return true;
                }
            }
        }

        Fail(key, $"“{raw}”不是日期,请写作 2023-03-01 或 2023年3月");
        return false;
    }

    /// <summary>
    /// A month, null when blank: anything <see cref="Date"/> reads, or a bare month of <paramref name="year"/> (3, 3月,
    /// 三月), which is how a plan sheet for one year usually names its due months.
    /// </summary>
    public bool Month(string key, int year, out YearMonth? value)
    {
        value = null;
        var raw = Raw(key);
        var bare = raw switch
        {
            double d when d is >= 1 and <= 12 && d == Math.Floor(d) => (int)d,
            string s => MonthOfYear(SheetReader.Normalise(s)),
            _ => 0,
        };
        if (bare > 0)
        {
            value = new YearMonth(year, bare);
            return true;
        }

        if (!Date(key, out var date))
        {
            return false;
        }

        value = date is { } d2 ? YearMonth.FromDate(d2) : null;
        return true;
    }

    private static int MonthOfYear(string text)
    {
        var t = text.EndsWith('月') ? text[..^1] : text;
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 12)
        {
            return n;
        }

        return Array.IndexOf(ChineseMonths, t) + 1;
    }

    internal static readonly string[] ChineseMonths = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
}
