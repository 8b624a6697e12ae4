using System.Globalization;

namespace PlanPulse.App.Features.Reports;

/// <summary>Reads amounts as people type them: full-width digits, thousands separators, surrounding spaces.</summary>
public static class Amounts
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalised = new string(text.Trim().Select(ch => ch switch
        {
            >= '０' and <= '９' => (char)('0' + (ch - '０')),
            '．' => '.',
            '－' or '−' => '-',
            '，' => ',',
            _ => ch,
        }).ToArray());
        return decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>万元 → 亿元 for display, two decimals.</summary>
    public static string Yi(decimal wanYuan) => (wanYuan / 10000m).ToString("#,0.00", CultureInfo.InvariantCulture);
}
