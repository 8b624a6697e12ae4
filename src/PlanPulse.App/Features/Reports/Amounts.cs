using System.Globalization;

namespace PlanPulse.App.Features.Reports;

/// <summary>Amount display; reading a typed amount is <see cref="PlanPulse.Domain.Amounts.AmountText"/>.</summary>
public static class Amounts
{
    /// <summary>万元 → 亿元 for display, two decimals.</summary>
    public static string Yi(decimal wanYuan) => (wanYuan / 10000m).ToString("#,0.00", CultureInfo.InvariantCulture);
}
