using PlanPulse.Domain.Indicators;

namespace PlanPulse.Domain.Tests.Indicators;

public sealed class FiveYearTests
{
    [Fact]
    public void Evaluate_GdpBehindCompoundPath_ReportsAchievedAndRequiredGrowth()
    {
        var r = FiveYear.Evaluate(826.9m, 2020, 1200m, 2025, new Dictionary<int, decimal> { [2021] = 895.3m, [2022] = 918.6m });

        Assert.Equal(FiveYearVerdict.Behind, r.Verdict);
        Assert.Equal(2, r.YearsElapsed);
        Assert.Equal(918.6m, r.Latest);
        Assert.Equal(5.4m, Math.Round(r.AchievedAnnualGrowthPct!.Value, 1));
        Assert.Equal(9.32m, Math.Round(r.RequiredAnnualGrowthPct!.Value, 2));
        Assert.Contains("余下3年年均需增长", r.Explanation);
    }

    public static TheoryData<decimal, decimal, decimal, Direction, FiveYearVerdict> VerdictCases => new()
    {
        // baseline 2020, target 2025, actual 2023, direction, verdict; expected 2023 on the path 100→200 is 100 × 2^(3/5) = 151.57
        { 100m, 200m, 151.6m, Direction.HigherIsBetter, FiveYearVerdict.OnTrack },
        { 100m, 200m, 149m, Direction.HigherIsBetter, FiveYearVerdict.OnTrack }, // 98.3 %: inside ±2 %
        { 100m, 200m, 147m, Direction.HigherIsBetter, FiveYearVerdict.Behind },
        { 100m, 200m, 160m, Direction.HigherIsBetter, FiveYearVerdict.AheadOfSchedule },
        { 100m, 200m, 200m, Direction.HigherIsBetter, FiveYearVerdict.AchievedEarly },
        { 100m, 200m, 230m, Direction.HigherIsBetter, FiveYearVerdict.AchievedEarly },
        // energy index 100 → 86.5: expected 2023 = 100 × 0.865^(3/5) = 91.66
        { 100m, 86.5m, 91.7m, Direction.LowerIsBetter, FiveYearVerdict.OnTrack },
        { 100m, 86.5m, 95m, Direction.LowerIsBetter, FiveYearVerdict.Behind },
        { 100m, 86.5m, 88m, Direction.LowerIsBetter, FiveYearVerdict.AheadOfSchedule },
        { 100m, 86.5m, 86m, Direction.LowerIsBetter, FiveYearVerdict.AchievedEarly },
    };

    [Theory]
    [MemberData(nameof(VerdictCases))]
    public void Evaluate_ClassifiesAgainstCompoundPath(decimal baseline, decimal target, decimal actual2023, Direction direction, FiveYearVerdict expected)
    {
        var r = FiveYear.Evaluate(baseline, 2020, target, 2025, new Dictionary<int, decimal> { [2023] = actual2023 }, direction);

        Assert.Equal(expected, r.Verdict);
    }

    [Fact]
    public void Evaluate_NoActualYet_NoDataWithWholeSpanRequirement()
    {
        var r = FiveYear.Evaluate(100m, 2020, 200m, 2025, new Dictionary<int, decimal> { [2019] = 90m, [2026] = 210m });

        Assert.Equal(FiveYearVerdict.NoData, r.Verdict);
        Assert.Equal(14.87m, Math.Round(r.RequiredAnnualGrowthPct!.Value, 2)); // 2^(1/5) − 1
    }

    [Fact]
    public void Evaluate_TargetYearReached_NoRequiredGrowthLeft()
    {
        var r = FiveYear.Evaluate(100m, 2020, 200m, 2025, new Dictionary<int, decimal> { [2025] = 190m });

        Assert.Equal(FiveYearVerdict.Behind, r.Verdict);
        Assert.Null(r.RequiredAnnualGrowthPct);
    }

    [Theory]
    [InlineData(0, 200, 2020, 2025)]
    [InlineData(100, 0, 2020, 2025)]
    [InlineData(100, 200, 2025, 2025)]
    [InlineData(100, 200, 2025, 2020)]
    public void Evaluate_ImpossiblePlan_Throws(decimal baseline, decimal target, int baselineYear, int targetYear)
    {
        Assert.Throws<ArgumentException>(() => FiveYear.Evaluate(baseline, baselineYear, target, targetYear, new Dictionary<int, decimal>()));
    }
}
