using System.Globalization;
using System.Text.RegularExpressions;

namespace PlanPulse.Domain.Extraction;

/// <summary>
/// A heading's reach: from <see cref="Offset"/> until the next heading. <see cref="Appendix"/> marks an appendix such
/// as a 名词解释 glossary: it explains terms and policies, it states neither results nor targets, so nothing in it is a fact.
/// </summary>
public sealed record SectionContext(int Offset, string Path, int? Year, FactKind? Kind, bool Appendix = false);

/// <summary>
/// The heading structure of a plan document (一、 / (一) / 1.) and what each part reports. Chinese plan reports
/// and government work reports are split the same way: the first top part reviews the past year (执行情况,
/// 工作回顾), the later ones set the coming year's targets and tasks, so the year and kind follow the top heading.
/// </summary>
public static partial class DocumentOutline
{
    // Words that mark a top part as the review of the past year; any other numbered top part is the plan.
    private static readonly string[] ReviewMarkers = ["执行情况", "完成情况", "回顾", "过去一年", "过去五年", "主要成绩", "成效"];

    // Headings, alone on their line, of what follows a report's last part (the Sichuan report ends with 名词解释).
    private static readonly string[] AppendixHeadings = ["名词解释", "名词注释", "注释", "附录", "附件", "附注", "附表"];

    [GeneratedRegex(@"^[ \t]*([一二三四五六七八九十]{1,3}、)")]
    private static partial Regex TopHeading();

    [GeneratedRegex(@"^[ \t]*([(（][一二三四五六七八九十]{1,3}[)）])")]
    private static partial Regex SubHeading();

    [GeneratedRegex(@"^[ \t]*([0-9０-９]{1,2}[.．、](?![0-9０-９]))")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"((?:19|20)[0-9]{2})年")]
    private static partial Regex YearMention();

    /// <summary>
    /// Headings by offset. <paramref name="original"/> gives the heading characters (paths keep the document's own
    /// parentheses); <paramref name="normalized"/> (same length) is matched.
    /// </summary>
    public static IReadOnlyList<SectionContext> Parse(string original, string normalized)
    {
        var planYear = InferPlanYear(normalized);
        var result = new List<SectionContext> { new(0, "", null, null) };
        string top = "", sub = "";
        int? year = null;
        FactKind? kind = null;
        var lineStart = 0;
        while (lineStart < normalized.Length)
        {
            var lineEnd = normalized.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = normalized.Length;
            }

            var line = normalized[lineStart..lineEnd];
            var originalLine = original[lineStart..lineEnd];
            if (IsAppendixHeading(line))
            {
                // Everything after it belongs to the appendix, whatever numbered headings its entries use.
                result.Add(new SectionContext(lineStart, originalLine.Trim(), null, null, Appendix: true));
                break;
            }

            if (TopHeading().Match(line) is { Success: true } t)
            {
                top = originalLine.Substring(t.Groups[1].Index, t.Groups[1].Length);
                sub = "";
                (year, kind) = Classify(line, planYear);
                result.Add(new SectionContext(lineStart, top, year, kind));
            }
            else if (IsUnnumberedPartHeading(line))
            {
                // 2024年工作回顾 / 2025年工作安排建议 standing alone on a line: a top part without a number.
                top = originalLine.Trim();
                sub = "";
                (year, kind) = Classify(line, planYear);
                result.Add(new SectionContext(lineStart, top, year, kind));
            }
            else if (top.Length > 0 && SubHeading().Match(line) is { Success: true } s)
            {
                sub = originalLine.Substring(s.Groups[1].Index, s.Groups[1].Length);
                result.Add(new SectionContext(lineStart, top + sub, year, kind));
            }
            else if (top.Length > 0 && IsShortHeading(line) && NumberedHeading().Match(line) is { Success: true } n)
            {
                var mark = originalLine.Substring(n.Groups[1].Index, n.Groups[1].Length);
                result.Add(new SectionContext(lineStart, top + sub + mark, year, kind));
            }

            lineStart = lineEnd + 1;
        }

        return result;
    }

    /// <summary>The context at an offset (the last heading at or before it).</summary>
    public static SectionContext At(IReadOnlyList<SectionContext> outline, int offset)
    {
        var lo = 0;
        var hi = outline.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (outline[mid].Offset <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return outline[lo];
    }

    /// <summary>
    /// The coming year the document plans for: the latest year named near the top (a title such as
    /// 2022年…执行情况及2023年计划草案 or 2025年政府工作报告), else the latest year named anywhere.
    /// </summary>
    public static int? InferPlanYear(string normalized)
    {
        static int? Latest(string s)
        {
            int? best = null;
            foreach (Match m in YearMention().Matches(s))
            {
                var y = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                best = best is null || y > best ? y : best;
            }

            return best;
        }

        return Latest(normalized[..Math.Min(normalized.Length, 600)]) ?? Latest(normalized);
    }

    private static (int? Year, FactKind Kind) Classify(string heading, int? planYear)
    {
        var review = ReviewMarkers.Any(m => heading.Contains(m, StringComparison.Ordinal));
        var kind = review ? FactKind.Actual : FactKind.Target;
        if (YearMention().Match(heading) is { Success: true } y)
        {
            return (int.Parse(y.Groups[1].Value, CultureInfo.InvariantCulture), kind);
        }

        return (planYear is { } p ? (review ? p - 1 : p) : null, kind);
    }

    private static readonly string[] PartWords = ["回顾", "安排", "重点工作", "目标", "任务", "计划", "执行情况"];

    private static bool IsUnnumberedPartHeading(string line)
    {
        var t = line.Trim();
        return t.Length is >= 6 and <= 24 && YearMention().Match(t) is { Success: true, Index: 0 }
            && t.IndexOfAny(['。', ',', ':', ';', '，']) < 0 && PartWords.Any(w => t.Contains(w, StringComparison.Ordinal));
    }

    private static bool IsAppendixHeading(string line)
    {
        // 名词解释, 附:名词解释, 附录: — the heading word alone, perhaps after 附: and before a colon.
        var t = line.Trim().TrimEnd(':', '：').Trim();
        if (t.StartsWith("附:", StringComparison.Ordinal) || t.StartsWith("附：", StringComparison.Ordinal))
        {
            t = t[2..].Trim();
        }

        return AppendixHeadings.Contains(t, StringComparer.Ordinal);
    }

    // "1." also starts list items inside paragraphs; a heading is a short line without a full stop.
    private static bool IsShortHeading(string line) => line.Length <= 60 && !line.Contains('。', StringComparison.Ordinal);
}
