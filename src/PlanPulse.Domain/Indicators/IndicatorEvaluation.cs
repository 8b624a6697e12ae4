using System.Globalization;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Domain.Indicators;

/// <summary>Thresholds of indicator colours; part of the year's rule set.</summary>
public sealed record IndicatorRules
{
    /// <summary>A growth rate within this many points below its target is yellow; further below is red.</summary>
    public decimal GrowthYellowPoints { get; init; } = 1.0m;

    /// <summary>A level within this fraction below its expected-to-date value is yellow (0.05 = 95 %).</summary>
    public decimal LevelYellowShare { get; init; } = 0.05m;
}

/// <summary>The colour of an indicator for a month, with its reason and the year-end outlook.</summary>
public sealed record IndicatorVerdict(
    Colour Colour,
    string Reason,
    decimal? Actual,
    decimal? GrowthPct,
    decimal? ExpectedToDate,
    decimal? Projection,
    decimal? MonthlyPaceNeeded,
    bool? StretchMet,
    string? StretchReason);

public static class IndicatorEvaluation
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The observation that stands for a month: the final figure when there is one, else the preliminary.
    /// Revisions replace, they do not add.
    /// </summary>
    public static Observation? Latest(IEnumerable<Observation> observations, YearMonth asOf)
    {
        Observation? best = null;
        foreach (var o in observations)
        {
            if (o.Month > asOf || o.Month.Year != asOf.Year)
            {
                continue;
            }

            if (best is null || o.Month > best.Month || (o.Month == best.Month && o.Final && !best.Final))
            {
                best = o;
            }
        }

        return best;
    }

    /// <summary>
    /// Evaluates an indicator as of a month. A growth target compares the year-to-date growth with the target
    /// (yellow within <see cref="IndicatorRules.GrowthYellowPoints"/>); a level target compares the cumulative value
    /// with target × progress (time progress, or the indicator's seasonal share from earlier years when given);
    /// a point value compares directly. Lower-is-better inverts; a binding indicator is red as soon as it is
    /// breached; no observation is grey. The stretch target is judged separately and never changes the colour.
    /// </summary>
    public static IndicatorVerdict Evaluate(IndicatorDefinition d, Target t, IReadOnlyList<Observation> observations, YearMonth month, IndicatorRules rules, decimal? seasonalShare = null)
    {
        var obs = Latest(observations, month);
        if (obs is null || (obs.Value is null && obs.GrowthPct is null))
        {
            return new IndicatorVerdict(Colour.Grey, $"{month.ToChinese()}暂无数据", null, null, null, null, null, null, null);
        }

        var progress = seasonalShare ?? TimeProgress.Default(obs.Month);
        decimal? expected = null;
        decimal? projection = null;
        decimal? pace = null;
        Colour colour;
        string reason;

        if (d.Direction == Direction.WithinBand && t.Value is { } low && t.Upper is { } high)
        {
            // A band (CPI 3%左右 as 2.5–3.5): compare the growth when the band is a growth band, else the level.
            if ((t.GrowthPct is not null ? obs.GrowthPct : obs.Value ?? obs.GrowthPct) is not { } x)
            {
                return new IndicatorVerdict(Colour.Grey, "目标为区间,但本期无可比数据", obs.Value, obs.GrowthPct, null, null, null, null, null);
            }

            (colour, reason) = CompareBand(d, low, high, x, rules);
            projection = x;
        }
        else if (t.GrowthPct is { } g && obs.GrowthPct is { } a && (t.Value is null || obs.Value is null || !d.Cumulative))
        {
            (colour, reason) = CompareGrowth(d, g, a, t.Qualifier, rules);
            projection = a;
        }
        else if (t.Value is { } v && obs.Value is { } actual)
        {
            if (d.Cumulative)
            {
                expected = v * progress;
                (colour, reason) = CompareLevel(d, actual, expected.Value, $"目标{F(v)}{d.Unit}×{(seasonalShare is null ? "序时进度" : "往年同期占比")}{progress.ToString("P1", CultureInfo.GetCultureInfo("zh-CN"))}", rules);
                projection = progress > 0 ? actual / progress : null;
                var remaining = 12 - obs.Month.Month;
                pace = remaining > 0 ? Math.Max(0, (v - actual) / remaining) : null;
            }
            else
            {
                (colour, reason) = CompareLevel(d, actual, v, $"目标{F(v)}{d.Unit}", rules);
                projection = actual;
            }
        }
        else if (t.GrowthPct is { } g2 && obs.GrowthPct is { } a2)
        {
            (colour, reason) = CompareGrowth(d, g2, a2, t.Qualifier, rules);
            projection = a2;
        }
        else
        {
            return new IndicatorVerdict(Colour.Grey, "目标与实际口径不一致(一为总量、一为增速),无法比较", obs.Value, obs.GrowthPct, null, null, null, null, null);
        }

        if (d.Nature == Nature.Binding && colour is Colour.Yellow)
        {
            colour = Colour.Red;
            reason += ";约束性指标,未达到即为红";
        }

        if (obs.Month != month)
        {
            // A missing month is not a zero: the colour stands on the last figure there is, and says so.
            reason += $"(最新数据为{obs.Month.ToChinese()},{month.ToChinese()}数据缺报)";
        }

        var (stretchMet, stretchReason) = Stretch(d, t, obs, progress);
        return new IndicatorVerdict(colour, reason, obs.Value, obs.GrowthPct, expected, projection, pace, stretchMet, stretchReason);
    }

    private static (Colour, string) CompareGrowth(IndicatorDefinition d, decimal target, decimal actual, Qualifier q, IndicatorRules rules)
    {
        var lower = d.Direction == Direction.LowerIsBetter || q == Qualifier.AtMost;

        // Shortfall in points, positive = worse than target.
        var shortfall = lower ? actual - target : target - actual;
        var text = $"增速{F(actual)}%,目标{(lower ? "不高于" : "不低于")}{F(target)}%";
        if (shortfall <= 0)
        {
            return (Colour.Green, $"{text},达到目标");
        }

        if (shortfall <= rules.GrowthYellowPoints)
        {
            return (Colour.Yellow, $"{text},差{F(shortfall)}个百分点(不超过{F(rules.GrowthYellowPoints)}个百分点为黄)");
        }

        return (Colour.Red, $"{text},差{F(shortfall)}个百分点(超过{F(rules.GrowthYellowPoints)}个百分点为红)");
    }

    private static (Colour, string) CompareBand(IndicatorDefinition d, decimal low, decimal high, decimal actual, IndicatorRules rules)
    {
        var unit = d.Kind == IndicatorKind.GrowthRate || d.Unit.Length == 0 ? "%" : d.Unit;
        var text = $"实际{F(actual)}{unit},目标区间{F(low)}–{F(high)}{unit}";
        var outside = actual < low ? low - actual : actual > high ? actual - high : 0;
        if (outside == 0)
        {
            return (Colour.Green, $"{text},在区间内");
        }

        return outside <= rules.GrowthYellowPoints
            ? (Colour.Yellow, $"{text},偏离{F(outside)}(不超过{F(rules.GrowthYellowPoints)}为黄)")
            : (Colour.Red, $"{text},偏离{F(outside)}(超过{F(rules.GrowthYellowPoints)}为红)");
    }

    private static (Colour, string) CompareLevel(IndicatorDefinition d, decimal actual, decimal expected, string basis, IndicatorRules rules)
    {
        var lower = d.Direction == Direction.LowerIsBetter;
        var text = $"实际{F(actual)}{d.Unit},应达{F(expected)}{d.Unit}({basis})";
        if (expected == 0)
        {
            return (actual == 0 || !lower ? Colour.Green : Colour.Red, $"{text}");
        }

        // Share of the expected value reached; for lower-is-better, how far under the ceiling.
        var ratio = lower ? (actual == 0 ? decimal.MaxValue : expected / actual) : actual / expected;
        if (ratio >= 1)
        {
            return (Colour.Green, $"{text},达到序时要求");
        }

        var gap = 1 - ratio;
        var pct = gap.ToString("P1", CultureInfo.GetCultureInfo("zh-CN"));
        if (gap <= rules.LevelYellowShare)
        {
            return (Colour.Yellow, $"{text},差{pct}(不超过{rules.LevelYellowShare.ToString("P0", CultureInfo.GetCultureInfo("zh-CN"))}为黄)");
        }

        return (Colour.Red, $"{text},差{pct}(超过{rules.LevelYellowShare.ToString("P0", CultureInfo.GetCultureInfo("zh-CN"))}为红)");
    }

    private static (bool?, string?) Stretch(IndicatorDefinition d, Target t, Observation obs, decimal progress)
    {
        var lower = d.Direction == Direction.LowerIsBetter;
        if (t.StretchValue is { } sv && obs.Value is { } v)
        {
            var need = d.Cumulative ? sv * progress : sv;
            var met = lower ? v <= need : v >= need;
            return (met, $"力争目标{F(sv)}{d.Unit}:{(met ? "按序时达到" : $"按序时应达{F(need)}{d.Unit},尚未达到")}");
        }

        if (t.StretchGrowthPct is { } sg && obs.GrowthPct is { } g)
        {
            var met = lower ? g <= sg : g >= sg;
            return (met, $"力争增长{F(sg)}%:{(met ? "已达到" : "尚未达到")}");
        }

        return (null, null);
    }

    internal static string F(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", Inv);
}
