using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Web;

/// <summary>
/// How figures look on the pages. Data is in 万元 and fractions; pages show 亿元 and percentages with one
/// decimal. Formatting is culture-invariant on purpose: both UI languages use the same digits and separators.
/// </summary>
public static class UiFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Colours in severity order, as the pages list them.</summary>
    public static readonly Colour[] Colours = [Colour.Blue, Colour.Green, Colour.Yellow, Colour.Red, Colour.Grey];

    /// <summary>万元 → 亿元 by the one display rule (<see cref="AmountDisplay"/>): two decimals on every page.</summary>
    public static string Yi(decimal wanYuan) => AmountDisplay.Yi(wanYuan);

    public static string Yi(decimal? wanYuan) => wanYuan is { } v ? AmountDisplay.Yi(v) : "—";

    /// <summary>万元 as units report it (report entry and review): thousands separators, up to two decimals.</summary>
    public static string Wan(decimal? wanYuan) => wanYuan is { } v ? AmountDisplay.Wan(v) : "—";

    /// <summary>A value in 万元 as it should appear in an input box (no separators, so it parses back unchanged).</summary>
    public static string WanInput(decimal? wanYuan) => wanYuan is { } v ? v.ToString("0.####", Inv) : string.Empty;

    /// <summary>A fraction as a percentage with one decimal: 0.4125 → 41.3%.</summary>
    public static string Pct(decimal? fraction) => fraction is { } f ? (f * 100m).ToString("0.0", Inv) + "%" : "—";

    /// <summary>A fraction as a number of percent with one decimal, for charts.</summary>
    public static decimal PctValue(decimal? fraction) => fraction is { } f ? Math.Round(f * 100m, 1, MidpointRounding.AwayFromZero) : 0m;

    /// <summary>Percentage points with one decimal, no sign.</summary>
    public static string Points(decimal points) => Math.Abs(Math.Round(points, 1, MidpointRounding.AwayFromZero)).ToString("0.0", Inv);

    /// <summary>"落后序时进度 8.8 个百分点" / "快于序时进度 2.0 个百分点" from a gap (time progress − rate, in points).</summary>
    public static string Gap(decimal? gapPoints)
    {
        if (gapPoints is not { } g)
        {
            return "—";
        }

        return g > 0
            ? string.Format(Inv, UiText.T("落后序时进度 {0} 个百分点"), Points(g))
            : string.Format(Inv, UiText.T("快于序时进度 {0} 个百分点"), Points(g));
    }

    /// <summary>A signed gap for table cells: "−8.8" behind, "+2.0" ahead (from the project's point of view).</summary>
    public static string GapShort(decimal? gapPoints)
    {
        if (gapPoints is not { } g)
        {
            return "—";
        }

        var r = Math.Round(g, 1, MidpointRounding.AwayFromZero);
        return r > 0 ? "−" + r.ToString("0.0", Inv) : "+" + (-r).ToString("0.0", Inv);
    }

    public static string Score(decimal score) => score.ToString("0.00", Inv);

    public static string Int(int n) => n.ToString("#,0", Inv);

    public static string Month(int monthId) => Month(monthId / 100, monthId % 100);

    public static string Month(int year, int month) => UiText.IsEnglish
        ? new DateTime(year, month, 1).ToString("MMM yyyy", CultureInfo.GetCultureInfo("en"))
        : $"{year}年{month}月";

    /// <summary>A stored UTC instant as Beijing time to the minute, the clock every user of the system reads.</summary>
    public static string Time(DateTime? utc) => utc is { } t
        ? (DateTime.SpecifyKind(t, DateTimeKind.Utc) + ReportingCalendar.ChinaOffset).ToString("yyyy-MM-dd HH:mm", Inv)
        : "—";

    public static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", Inv) : "—";

    /// <summary>"red" etc. for CSS classes and query strings.</summary>
    public static string Key(Colour c) => c.ToString().ToLowerInvariant();

    public static string Name(Colour c) => UiText.T(Names.Of(c));

    public static Colour? ParseColour(string? key) =>
        Enum.TryParse<Colour>(key, true, out var c) && Enum.IsDefined(c) ? c : null;

    /// <summary>The colour's chip, e.g. <c>&lt;span class="chip chip-red"&gt;红&lt;/span&gt;</c>; text is encoded.</summary>
    public static IHtmlContent Chip(string colourKey, string? title = null, string? text = null)
    {
        var key = ParseColour(colourKey) is { } c ? Key(c) : "grey";
        var span = new TagBuilder("span");
        span.AddCssClass("chip");
        span.AddCssClass("chip-" + key);
        span.Attributes["data-colour"] = key;
        if (!string.IsNullOrEmpty(title))
        {
            span.Attributes["title"] = title;
        }

        span.InnerHtml.Append(text ?? (ParseColour(key) is { } cc ? Name(cc) : key));
        return span;
    }

    public static IHtmlContent Chip(Colour colour, string? title = null, string? text = null) => Chip(Key(colour), title, text);
}
