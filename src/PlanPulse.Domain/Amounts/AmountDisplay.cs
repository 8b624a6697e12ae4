using System.Globalization;

namespace PlanPulse.Domain.Amounts;

/// <summary>
/// The one way an amount is shown. Amounts are kept in 万元; pages, Excel and Word summaries show 亿元 rounded half
/// away from zero to two decimals, so a figure reads the same on the list, the project page, the review page and
/// in the briefing (once 2.70 on one and 2.6964 on another). Report entry stays in 万元, the unit units type in.
/// </summary>
public static class AmountDisplay
{
    public const int Decimals = 2;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>万元 → 亿元, rounded half away from zero to two decimals: the number Excel and Word cells hold.</summary>
    public static decimal ToYi(decimal wanYuan) => Round(wanYuan / 10000m);

    /// <summary>亿元 for tables on pages: thousands separators, always two decimals (1,234.57; −0.50; 0.00).</summary>
    public static string Yi(decimal wanYuan) => ToYi(wanYuan).ToString("#,0.00", Inv);

    /// <summary>
    /// 亿元 in running text (Word prose): the same rounding, no separators and no trailing zeros, as official documents
    /// write figures (总投资2964亿元, 完成投资150.74亿元, 2.7亿元).
    /// </summary>
    public static string YiText(decimal wanYuan) => ToYi(wanYuan).ToString("0.##", Inv);

    /// <summary>亿元 in a Word or Excel table cell: always two decimals so a column lines up, no separators (2964.00).</summary>
    public static string YiCell(decimal wanYuan) => ToYi(wanYuan).ToString("0.00", Inv);

    /// <summary>万元 as reported: thousands separators, up to two decimals (1,234.5; 120).</summary>
    public static string Wan(decimal wanYuan) => Round(wanYuan).ToString("#,0.##", Inv);

    private static decimal Round(decimal value)
    {
        var r = Math.Round(value, Decimals, MidpointRounding.AwayFromZero);

        // A small negative rounds to −0.00, which would print with a sign: nothing is nothing.
        return r == 0m ? 0m : r;
    }
}
