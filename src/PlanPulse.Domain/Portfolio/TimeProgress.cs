using PlanPulse.Domain.Periods;

namespace PlanPulse.Domain.Portfolio;

/// <summary>Time progress for a month with the basis it was measured on, so every figure can say which it used.</summary>
public readonly record struct TimeProgressValue(decimal Value, TimeProgressBasis Basis)
{
    public string Describe() => Basis == TimeProgressBasis.ProjectCurve
        ? $"按项目月度计划曲线,序时进度{Value.ToString("P1", Zh)}"
        : $"按月份÷12,序时进度{Value.ToString("P1", Zh)}";

    private static readonly System.Globalization.CultureInfo Zh = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
}

public static class TimeProgress
{
    /// <summary>Months elapsed ÷ 12: June is exactly 0.5.</summary>
    public static decimal Default(YearMonth month) => month.Month / 12m;

    /// <summary>
    /// Time progress of one project. With the project-curve basis and a usable planned cumulative curve
    /// (12 monthly cumulative amounts, 万元), progress is planned-to-date ÷ annual plan; otherwise month ÷ 12.
    /// </summary>
    public static TimeProgressValue For(YearMonth month, RuleSet rules, decimal annualPlan, IReadOnlyList<decimal>? plannedCumulative)
    {
        if (rules.Basis == TimeProgressBasis.ProjectCurve
            && plannedCumulative is { Count: 12 }
            && annualPlan > 0)
        {
            var planned = plannedCumulative[month.Month - 1];
            var value = Math.Clamp(planned / annualPlan, 0m, 1m);
            return new TimeProgressValue(value, TimeProgressBasis.ProjectCurve);
        }

        return new TimeProgressValue(Default(month), TimeProgressBasis.MonthOverTwelve);
    }
}
