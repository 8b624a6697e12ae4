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
    private static readonly Regex Pattern = new(
        @"(?<![0-9A-Za-z.\-/])(?<n>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?<f>\.[0-9]+)?(?<a1>余|多)?(?<m>"
        + string.Join('|', Vocabulary.Magnitudes) + @")?(?<a2>余|多)?(?<u>"
        + string.Join('|', Vocabulary.Units.Select(Regex.Escape)) + @")(?<q>"
        + string.Join('|', Vocabulary.PostQualifiers) + ")?",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled,
        TimeSpan.FromSeconds(5));

    /// <summary>Figures with a unit inside [start, end) of the normalised text; bare numbers (years, codes) are not figures.</summary>
    public static List<NumberToken> Scan(string normalized, int start, int end)
    {
        var tokens = new List<NumberToken>();
        var m = Pattern.Match(normalized, start, end - start);
        while (m.Success)
        {
            if (IsOrdinalOrName(normalized, m.Index, m.Index + m.Length, start, end))
            {
                m = m.NextMatch();
                continue;
            }

            var digits = m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal) + m.Groups["f"].Value;
            var number = decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var unit = m.Groups["u"].Value;
            unit = unit == "百分点" ? "个百分点" : unit;
            var post = m.Groups["q"].Success ? m.Groups["q"].Value : null;
            var unitEnd = m.Groups["q"].Success ? m.Groups["q"].Index : m.Index + m.Length;
            tokens.Add(new NumberToken(
                m.Index,
                unitEnd,
                m.Index + m.Length,
                number,
                m.Groups["m"].Value + unit,
                m.Groups["a1"].Success || m.Groups["a2"].Success,
                post));
            m = m.NextMatch();
        }

        return tokens;
    }

    /// <summary>
    /// 第9名 is a rank, “33条” and “3个100” name a policy or campaign, 30万吨级 is the class of a ship or channel,
    /// 连续33个榨季 the length of a streak: none is a measured quantity.
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

        if (Vocabulary.StreakWords.Any(w => start - from >= w.Length && string.CompareOrdinal(text, start - w.Length, w, 0, w.Length) == 0))
        {
            return true;
        }

        if (start > from && text[start - 1] == '“')
        {
            var close = text.IndexOf('”', end, Math.Min(8, to - end));
            var comma = text.IndexOfAny([',', '。', ';'], end, Math.Min(8, to - end));
            return close >= 0 && (comma < 0 || close < comma);
        }

        return false;
    }
}
