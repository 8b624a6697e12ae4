using System.Globalization;
using PlanPulse.Domain.Text;

namespace PlanPulse.Domain.Amounts;

/// <summary>Why a typed figure was not read. <see cref="None"/> means it was.</summary>
public enum AmountError
{
    None = 0,

    /// <summary>Nothing typed: the caller decides whether a blank is allowed.</summary>
    Empty,

    /// <summary>Not a number at all, or a malformed one (two signs, two decimal points).</summary>
    NotANumber,

    /// <summary>Commas that are not thousands separators: 1,2 may be 1.2 or 12.</summary>
    Ambiguous,

    /// <summary>An estimate: 约3亿, 3000左右.</summary>
    Approximate,

    /// <summary>A range: 3~5, 3-5亿.</summary>
    Range,

    /// <summary>A question mark: the figure is not settled.</summary>
    Uncertain,

    /// <summary>A unit other than the column's: 3亿元 typed where amounts are in 万元.</summary>
    WrongUnit,

    /// <summary>1e5: spreadsheets write large numbers this way, and a rounded mantissa loses digits.</summary>
    Scientific,

    /// <summary>Longer than any amount, or beyond what a decimal holds.</summary>
    TooLong,
}

/// <summary>The unit a column or field keeps amounts in; a trailing unit may be typed only when it is this one.</summary>
public enum AmountUnit
{
    /// <summary>万元, the unit of every stored amount.</summary>
    Wan = 1,

    /// <summary>亿元, a spreadsheet column headed so.</summary>
    Yi = 2,

    /// <summary>元, a spreadsheet column headed so.</summary>
    Yuan = 3,
}

/// <summary>A typed figure read: its value in the field's own unit, or why not with a Chinese message.</summary>
public readonly record struct AmountParse(decimal Value, AmountError Error, string Message)
{
    public bool Ok => Error == AmountError.None;

    public bool IsEmpty => Error == AmountError.Empty;
}

/// <summary>
/// The one reading of a typed amount, for every way amounts come in (the report grid, the JSON API, the Excel
/// imports, indicator entry). Full-width digits, signs, point and comma as a Chinese IME types them are read as
/// their ASCII forms; commas are read only as thousands separators in groups of three, so 1,2 is refused rather
/// than guessed (12 to one reader, 1.2 to another); an estimate, a range or a question mark is refused because an
/// amount must be exact. A negative value reads (corrections); whether it is acceptable is the caller's rule.
/// Messages begin so a field name can stand before them: 本月完成投资 + “1,2”的逗号….
/// </summary>
public static class AmountText
{
    /// <summary>Longer than this is not an amount anyone typed (the largest stored amount has 15 digits and 4 decimals).</summary>
    public const int MaxLength = 40;

    private static readonly string[] ApproximateWords = ["约", "左右", "大约", "近", "余", "多", "以上", "以下", "超过", "不到"];

    /// <summary>An amount in <paramref name="unit"/>; a trailing unit is accepted when it is that unit (万元 or 万 for 万元).</summary>
    public static AmountParse Parse(string? text, AmountUnit unit = AmountUnit.Wan) => Read(text, unit);

    /// <summary>A plain number without a unit (an indicator value, a growth rate without its %), by the same rules.</summary>
    public static AmountParse ParseNumber(string? text) => Read(text, null);

    /// <summary>Full-width digits, signs, point and comma (and the minus sign −) as ASCII; nothing else changes.</summary>
    public static string Narrow(string text)
    {
        var buffer = text.ToCharArray();
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = buffer[i] switch
            {
                >= '０' and <= '９' => (char)('0' + (buffer[i] - '０')),
                '．' => '.',
                '，' => ',',
                '－' or '−' => '-',
                '＋' => '+',
                var c => c,
            };
        }

        return new string(buffer);
    }

    private static AmountParse Read(string? text, AmountUnit? unit)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(AmountError.Empty, "未填写");
        }

        var typed = text.Trim();
        if (typed.Length > MaxLength)
        {
            return Fail(AmountError.TooLong, $"“{typed[..12]}…”长{typed.Length}个字符,不是金额(最多{MaxLength}个字符)");
        }

        // NarrowForms also maps full-width letters, ～ and ？, so the checks below see one form of each.
        var t = Narrow(Chinese.NarrowForms(typed)).Trim();
        if (ApproximateWords.Any(w => t.Contains(w, StringComparison.Ordinal)))
        {
            return Fail(AmountError.Approximate, $"“{typed}”是约数,无法准确读取金额,请填写确数");
        }

        if (IsRange(t))
        {
            return Fail(AmountError.Range, $"“{typed}”是区间,无法准确读取金额,请填写确数");
        }

        if (t.Contains('?', StringComparison.Ordinal))
        {
            return Fail(AmountError.Uncertain, $"“{typed}”带问号,金额未确定,请填写确数");
        }

        var number = StripUnit(t, unit, out var written);
        if (written is not null && !t.Any(char.IsAsciiDigit))
        {
            return Fail(AmountError.NotANumber, $"应为数字,收到“{typed}”");
        }

        if (written is not null)
        {
            var expected = unit is { } u ? Name(u) : null;
            return Fail(AmountError.WrongUnit, expected is null
                ? $"“{typed}”带有单位{written},请只填数字"
                : $"“{typed}”的单位是{written},本栏以{expected}为单位,请换算为{expected}或只填数字");
        }

        return ReadNumber(number, typed);
    }

    /// <summary>The number without a trailing unit of <paramref name="unit"/>; <paramref name="written"/> names any other unit found.</summary>
    private static string StripUnit(string t, AmountUnit? unit, out string? written)
    {
        written = null;
        if (unit is { } u)
        {
            foreach (var suffix in Suffixes(u))
            {
                if (t.EndsWith(suffix, StringComparison.Ordinal))
                {
                    var rest = t[..^suffix.Length].TrimEnd();
                    if (rest.Length > 0 && !rest.Contains('万', StringComparison.Ordinal) && !rest.Contains('亿', StringComparison.Ordinal) && !rest.Contains('元', StringComparison.Ordinal))
                    {
                        return rest;
                    }
                }
            }
        }

        foreach (var other in (string[])["亿元", "万元", "亿", "万", "元"])
        {
            var at = t.IndexOf(other, StringComparison.Ordinal);
            if (at >= 0)
            {
                written = other;
                return t;
            }
        }

        return t;
    }

    private static string[] Suffixes(AmountUnit unit) => unit switch
    {
        AmountUnit.Yi => ["亿元", "亿"],
        AmountUnit.Yuan => ["元"],
        _ => ["万元", "万"],
    };

    private static string Name(AmountUnit unit) => unit switch
    {
        AmountUnit.Yi => "亿元",
        AmountUnit.Yuan => "元",
        _ => "万元",
    };

    private static bool IsRange(string t)
    {
        // A digit, a dash or tilde or 至/到, a digit: 3-5, 3~5, 3至5. A leading minus is a sign, not a range.
        for (var i = 1; i < t.Length - 1; i++)
        {
            if (t[i] is '-' or '~' or '—' or '–' or '至' or '到')
            {
                var before = t[..i].TrimEnd();
                var after = t[(i + 1)..].TrimStart();
                if (before.Length > 0 && char.IsAsciiDigit(before[^1]) && after.Length > 0 && char.IsAsciiDigit(after[0]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static AmountParse ReadNumber(string t, string typed)
    {
        if (t.Contains('e', StringComparison.OrdinalIgnoreCase) && t.Any(char.IsAsciiDigit))
        {
            return Fail(AmountError.Scientific, $"“{typed}”是科学计数法,请写出完整数字");
        }

        var i = 0;
        if (i < t.Length && t[i] is '+' or '-')
        {
            i++;
        }

        if (i < t.Length && t[i] is '+' or '-')
        {
            return Fail(AmountError.NotANumber, $"“{typed}”的正负号重复,应为数字");
        }

        var body = t[i..];
        if (body.Length == 0 || body.Any(c => !char.IsAsciiDigit(c) && c is not ',' and not '.'))
        {
            return body.Any(char.IsWhiteSpace) && body.All(c => char.IsAsciiDigit(c) || c is ',' or '.' || char.IsWhiteSpace(c))
                ? Fail(AmountError.NotANumber, $"“{typed}”数字中间有空格,请删去空格")
                : Fail(AmountError.NotANumber, $"应为数字,收到“{typed}”");
        }

        var point = body.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0 && body.IndexOf('.', point + 1) >= 0)
        {
            return Fail(AmountError.NotANumber, $"“{typed}”有多个小数点,应为数字");
        }

        var whole = point >= 0 ? body[..point] : body;
        var fraction = point >= 0 ? body[(point + 1)..] : string.Empty;
        if (whole.Length == 0 && fraction.Length == 0)
        {
            return Fail(AmountError.NotANumber, $"应为数字,收到“{typed}”");
        }

        if (fraction.Contains(',', StringComparison.Ordinal))
        {
            return Fail(AmountError.Ambiguous, $"“{typed}”的小数点后有逗号,无法确定哪个是小数点,请只用“.”作小数点、不用逗号");
        }

        if (whole.Contains(',', StringComparison.Ordinal))
        {
            var groups = whole.Split(',');
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3))
            {
                return Fail(AmountError.Ambiguous, $"“{typed}”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点");
            }

            whole = string.Concat(groups);
        }

        var plain = (t[0] == '-' ? "-" : string.Empty) + (whole.Length == 0 ? "0" : whole) + (fraction.Length > 0 ? "." + fraction : string.Empty);
        if (!decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return Fail(AmountError.TooLong, $"“{typed}”超出可读取的范围,请核对");
        }

        return new AmountParse(value, AmountError.None, string.Empty);
    }

    private static AmountParse Fail(AmountError error, string message) => new(0m, error, message);
}
