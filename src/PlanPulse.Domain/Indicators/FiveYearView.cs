using System.Globalization;

namespace PlanPulse.Domain.Indicators;

/// <summary>Mid-term classes of the five-year plan evaluation (十四五中期评估).</summary>
public enum FiveYearVerdict
{
    /// <summary>提前实现: the target-year value is already reached.</summary>
    AchievedEarly = 1,

    /// <summary>快于预期.</summary>
    AheadOfSchedule = 2,

    /// <summary>基本符合预期.</summary>
    OnTrack = 3,

    /// <summary>滞后.</summary>
    Behind = 4,

    /// <summary>No actual yet.</summary>
    NoData = 5,
}

public sealed record FiveYearResult(
    FiveYearVerdict Verdict,
    int YearsElapsed,
    decimal? Latest,
    decimal? ExpectedNow,
    decimal? AchievedAnnualGrowthPct,
    decimal? RequiredAnnualGrowthPct,
    string Explanation);

/// <summary>
/// Where a five-year indicator stands. Expected progress compounds: with baseline B (year 0) and target T (year 5),
/// the expected value in year n is B × (T/B)^(n/5). Within ±<paramref name="tolerance"/> of it is 基本符合预期,
/// above is 快于预期, below is 滞后; already at T is 提前实现. Thresholds are not published anywhere, so the
/// arithmetic is shown with every verdict.
/// </summary>
public static class FiveYear
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static FiveYearResult Evaluate(decimal baseline, int baselineYear, decimal target, int targetYear, IReadOnlyDictionary<int, decimal> actuals, Direction direction = Direction.HigherIsBetter, decimal tolerance = 0.02m)
    {
        var span = targetYear - baselineYear;
        if (span <= 0 || baseline <= 0 || target <= 0)
        {
            throw new ArgumentException("五年规划指标须有正的基期值、目标值,且目标年晚于基期年");
        }

        var latestYear = actuals.Keys.Where(y => y > baselineYear && y <= targetYear).DefaultIfEmpty().Max();
        if (latestYear == 0)
        {
            return new FiveYearResult(FiveYearVerdict.NoData, 0, null, null, null, Cagr(baseline, target, span), $"基期{baselineYear}年{F(baseline)},目标{targetYear}年{F(target)},尚无实际数据;年均需增长{F(Cagr(baseline, target, span))}%");
        }

        var n = latestYear - baselineYear;
        var latest = actuals[latestYear];
        var expected = baseline * (decimal)Math.Pow((double)(target / baseline), n / (double)span);
        var achieved = latest > 0 ? Cagr(baseline, latest, n) : (decimal?)null;
        var remaining = span - n;
        decimal? required = remaining > 0 && latest > 0 ? Cagr(latest, target, remaining) : null;
        var lower = direction == Direction.LowerIsBetter;
        var reached = lower ? latest <= target : latest >= target;
        var ratio = lower ? expected / latest : latest / expected;

        var verdict = reached ? FiveYearVerdict.AchievedEarly
            : ratio > 1 + tolerance ? FiveYearVerdict.AheadOfSchedule
            : ratio >= 1 - tolerance ? FiveYearVerdict.OnTrack
            : FiveYearVerdict.Behind;
        var explanation = $"基期{baselineYear}年{F(baseline)},目标{targetYear}年{F(target)};{latestYear}年实际{F(latest)},按年均复合进度应达{F(expected)}"
            + $"(实际为应达的{(latest / expected).ToString("P1", CultureInfo.GetCultureInfo("zh-CN"))},±{tolerance.ToString("P0", CultureInfo.GetCultureInfo("zh-CN"))}以内为基本符合)"
            + (achieved is { } a ? $";已实现年均增长{F(a)}%" : string.Empty)
            + (required is { } r ? $";余下{remaining}年年均需增长{F(r)}%" : string.Empty);
        return new FiveYearResult(verdict, n, latest, Math.Round(expected, 4), achieved, required, explanation);
    }

    public static string Name(FiveYearVerdict v) => v switch
    {
        FiveYearVerdict.AchievedEarly => "提前实现",
        FiveYearVerdict.AheadOfSchedule => "快于预期",
        FiveYearVerdict.OnTrack => "基本符合预期",
        FiveYearVerdict.Behind => "滞后",
        _ => "暂无数据",
    };

    /// <summary>Compound annual growth from a to b over n years, in percent.</summary>
    public static decimal Cagr(decimal a, decimal b, int years) =>
        Math.Round((decimal)((Math.Pow((double)(b / a), 1.0 / years) - 1) * 100), 4);

    private static string F(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", Inv);
}
