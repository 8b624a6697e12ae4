using System.Globalization;
using System.Text.RegularExpressions;

namespace PlanPulse.Domain.Extraction;

/// <summary>
/// A figure with its unit as written: 918.6亿元, 1.1万余个, 43%, 2.1个百分点. <see cref="End"/> is after the unit,
/// <see cref="QuoteEnd"/> after a bound written behind it (以上, 左右).
/// </summary>
internal sealed record NumberToken(int Start, int End, int QuoteEnd, decimal Number, string Unit, bool Approximate, string? PostQualifier)
{
    public bool IsPercent => Unit == "%";

    public bool IsPercentagePoints => Unit == "个百分点";

    /// <summary>The unit without its magnitude (1.7万个 → 个): what a count counts does not depend on it.</summary>
    public string BaseUnit => Vocabulary.Magnitudes.FirstOrDefault(m => Unit.Length > m.Length && Unit.StartsWith(m, StringComparison.Ordinal)) is { } m ? Unit[m.Length..] : Unit;
}

internal static partial class NumberTokens
{
    // A number, then one of: a unit (918.6亿元), a ratio to one (2.04∶1), 大 before a noun (5大加工产业), a fraction
    // (1/3), or nothing (a magnitude alone, 358万, or a bare number, which is not a figure).
    private static readonly Regex Pattern = new(
        @"(?<![0-9A-Za-z.\-/])(?<n>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?<f>\.[0-9]+)?(?<a1>余|多)?(?<m>"
        + string.Join('|', Vocabulary.Magnitudes) + @")?(?<a2>余|多)?(?:(?<u>"
        + string.Join('|', Vocabulary.Units.Select(Regex.Escape)) + @")(?<q>"
        + string.Join('|', Vocabulary.PostQualifiers) + @")?|(?<r>[:∶]1)(?![0-9.])|(?<big>大)(?=[\u4e00-\u9fff])(?!于)|/(?<den>[1-9][0-9]?)(?![0-9./])(?<q>"
        + string.Join('|', Vocabulary.PostQualifiers) + ")?)?",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled,
        TimeSpan.FromSeconds(5));

    /// <summary>Figures with a unit inside [start, end) of the normalised text; bare numbers (years, codes) are not figures.</summary>
    public static List<NumberToken> Scan(string normalized, int start, int end)
    {
        var tokens = new List<NumberToken>();
        var m = Pattern.Match(normalized, start, end - start);
        while (m.Success)
        {
            if (IsOrdinalOrName(normalized, m.Index, m.Index + m.Length, start, end) || UnitOf(normalized, m, start, end) is not { } unit)
            {
                m = m.NextMatch();
                continue;
            }

            var digits = m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal) + m.Groups["f"].Value;
            var number = decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            if (m.Groups["den"].Success)
            {
                // 占全国1/3: a share written as a fraction is a value in %, two decimals.
                number = decimal.Round(100m * number / decimal.Parse(m.Groups["den"].Value, CultureInfo.InvariantCulture), 2) / 1.00m;
            }

            var post = m.Groups["q"].Success ? m.Groups["q"].Value : null;
            var unitEnd = m.Groups["q"].Success ? m.Groups["q"].Index : m.Index + m.Length;
            tokens.Add(new NumberToken(
                m.Index,
                unitEnd,
                m.Index + m.Length,
                number,
                unit,
                m.Groups["a1"].Success || m.Groups["a2"].Success,
                post));
            m = m.NextMatch();
        }

        return tokens;
    }

    /// <summary>The unit of a match, or null when the number is not a figure (a year, a code, a bare number).</summary>
    private static string? UnitOf(string text, Match m, int from, int to)
    {
        var magnitude = m.Groups["m"].Value;
        if (m.Groups["u"].Success)
        {
            var unit = m.Groups["u"].Value;
            return magnitude + (unit == "百分点" ? "个百分点" : unit);
        }

        if (m.Groups["r"].Success)
        {
            // 城乡居民收入比缩小至2.04∶1: a ratio to one is a multiple, when the lead names a ratio (比).
            return magnitude.Length == 0 && text.IndexOf('比', from, m.Index - from) >= 0 ? "倍" : null;
        }

        if (m.Groups["big"].Success)
        {
            // 做强做大玉米等5大加工产业: 大 stands for the counter 个 (as 三大品牌 does in words).
            return magnitude.Length == 0 && !m.Groups["f"].Success ? "个" : null;
        }

        if (m.Groups["den"].Success)
        {
            // 船舶海工出口规模占全国1/3: a fraction is a share only after 占 (not a date or a code).
            return magnitude.Length == 0 && text.IndexOf('占', from, m.Index - from) >= 0 ? "%" : null;
        }

        if (magnitude.Length == 0 && m.Index - from >= 2 && text[m.Index - 1] is ':' or '∶' && text[m.Index - 2] == '1'
            && (m.Index - 3 < from || !(char.IsAsciiDigit(text[m.Index - 3]) || text[m.Index - 3] == '.'))
            && text.IndexOf('比', from, m.Index - from) >= 0)
        {
            // 开工备案项目比例达到1∶3.4: one to a number is a multiple as a number to one is (2.04∶1), when the lead
            // names a ratio (比).
            return "倍";
        }

        return magnitude.Length > 0 ? ImpliedUnit(text, m.Index, m.Index + m.Length, from, to) is { } implied ? magnitude + implied : null : null;
    }

    /// <summary>
    /// A magnitude without a unit (冰雪运动参与人次超630万, 为358万居家老年人提供…): the unit is the one the name before
    /// it ends in, or 人 when people are counted after it; else the number is not read.
    /// </summary>
    private static string? ImpliedUnit(string text, int start, int end, int from, int to)
    {
        var lead = start;
        foreach (var q in Vocabulary.PreQualifiers)
        {
            if (lead - from >= q.Length && string.CompareOrdinal(text, lead - q.Length, q, 0, q.Length) == 0)
            {
                lead -= q.Length;
                break;
            }
        }

        foreach (var (word, unit) in Vocabulary.ImpliedUnits)
        {
            if (lead - from >= word.Length && string.CompareOrdinal(text, lead - word.Length, word, 0, word.Length) == 0)
            {
                return unit;
            }
        }

        var nounEnd = end;
        while (nounEnd < to && nounEnd - end < Vocabulary.PersonNounReach && text[nounEnd] is >= '\u3400' and <= '\u9fff')
        {
            nounEnd++;
        }

        return nounEnd > end && Vocabulary.PersonNouns.Any(p => text.IndexOf(p, end, nounEnd - end, StringComparison.Ordinal) >= 0) ? "人" : null;
    }

    /// <summary>
    /// 第9名 is a rank, “3个100” names a campaign (but “33条” counts measures), 30万吨级 is the class of a ship or channel,
    /// 连续33个榨季 the length of a streak, 75周年 an anniversary, 50米内换乘比例 the range of a name: none is a measured quantity.
    /// </summary>
    private static bool IsOrdinalOrName(string text, int start, int end, int from, int to)
    {
        if (start > from && text[start - 1] == '第')
        {
            return true;
        }

        if (Vocabulary.ClassSuffixes.Any(w => to - end >= w.Length && string.CompareOrdinal(text, end, w, 0, w.Length) == 0))
        {
            return true;
        }

        if (end < to && Vocabulary.NotUnitAfter.Any(p => end - start > p.Key.Length && string.CompareOrdinal(text, end - p.Key.Length, p.Key, 0, p.Key.Length) == 0
            && p.Value.Any(w => to - end >= w.Length && string.CompareOrdinal(text, end, w, 0, w.Length) == 0)))
        {
            // 新中国成立75周年: an anniversary, not a figure in weeks.
            return true;
        }

        if (end + 1 < to && text[end] == '内' && text[end + 1] is >= '\u4e00' and <= '\u9fff'
            && Vocabulary.RangeUnits.Any(u => end - start > u.Length && string.CompareOrdinal(text, end - u.Length, u, 0, u.Length) == 0))
        {
            // 公交与轨道50米内换乘比例: the distance bounds the name that goes on after it.
            return true;
        }

        if (Vocabulary.StreakWords.Any(w => start - from >= w.Length && string.CompareOrdinal(text, start - w.Length, w, 0, w.Length) == 0))
        {
            return true;
        }

        if (start > from && text[start - 1] == '“')
        {
            if (end + 1 < to && text[end] == '”' && text[end + 1] is >= '\u4e00' and <= '\u9fff' && Vocabulary.QuotedCountUnits.Any(u => string.CompareOrdinal(text, end - u.Length, u, 0, u.Length) == 0))
            {
                // 出台“33条”增量政策: a package named by the number of its measures, before the noun it counts, still
                // counts them (the seed's 27条措施); “3个100”, “3113” and a bare “18条”“16条” stay names.
                return false;
            }

            var close = text.IndexOf('”', end, Math.Min(8, to - end));
            var comma = text.IndexOfAny([',', '。', ';'], end, Math.Min(8, to - end));
            return close >= 0 && (comma < 0 || close < comma);
        }

        return false;
    }
}
