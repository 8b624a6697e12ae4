using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Domain.Tests.Indicators;

public sealed class IndicatorEvaluationTests
{
    private static readonly YearMonth _june = new(2023, 6);
    private static readonly IndicatorRules _rules = new();

    private static IndicatorDefinition Def(Direction direction = Direction.HigherIsBetter, Nature nature = Nature.Expected, bool cumulative = true, IndicatorKind kind = IndicatorKind.Level) =>
        new() { Code = "T", Name = "测试指标", Unit = "亿元", Direction = direction, Nature = nature, Cumulative = cumulative, Kind = kind };

    private static Observation[] One(decimal? value, decimal? growth, int month = 6, bool final = true) => [new(new YearMonth(2023, month), value, growth, final)];

    // Growth targets: yellow within 1 point below the target (default rule), red beyond; lower-is-better inverts.
    public static TheoryData<decimal, Direction, Qualifier, Nature, decimal, Colour> GrowthCases => new()
    {
        // target %, direction, qualifier, nature, actual growth %, colour
        { 8m, Direction.HigherIsBetter, Qualifier.None, Nature.Expected, 8m, Colour.Green }, // exactly on target
        { 8m, Direction.HigherIsBetter, Qualifier.None, Nature.Expected, 12.5m, Colour.Green },
        { 8m, Direction.HigherIsBetter, Qualifier.None, Nature.Expected, 7.5m, Colour.Yellow },
        { 8m, Direction.HigherIsBetter, Qualifier.None, Nature.Expected, 7m, Colour.Yellow }, // exactly 1 point short: still yellow
        { 8m, Direction.HigherIsBetter, Qualifier.None, Nature.Expected, 6.99m, Colour.Red },
        { 8m, Direction.HigherIsBetter, Qualifier.None, Nature.Expected, -2m, Colour.Red }, // a fall against a rise
        { 8m, Direction.HigherIsBetter, Qualifier.None, Nature.Binding, 7.5m, Colour.Red }, // binding: breached is red
        { -3m, Direction.LowerIsBetter, Qualifier.None, Nature.Expected, -3.7m, Colour.Green }, // energy intensity falls faster than required
        { -3m, Direction.LowerIsBetter, Qualifier.None, Nature.Expected, -2.5m, Colour.Yellow },
        { -3m, Direction.LowerIsBetter, Qualifier.None, Nature.Expected, -1.5m, Colour.Red },
        { -3m, Direction.LowerIsBetter, Qualifier.None, Nature.Binding, -2.5m, Colour.Red },
        { 3m, Direction.HigherIsBetter, Qualifier.AtMost, Nature.Expected, 2m, Colour.Green }, // 以内: under the ceiling
        { 3m, Direction.HigherIsBetter, Qualifier.AtMost, Nature.Expected, 3.5m, Colour.Yellow },
        { 10m, Direction.HigherIsBetter, Qualifier.AtLeast, Nature.Expected, 10m, Colour.Green }, // 以上 includes the figure itself
    };

    [Theory]
    [MemberData(nameof(GrowthCases))]
    public void Evaluate_GrowthTarget_ColoursByPointsShort(decimal target, Direction direction, Qualifier qualifier, Nature nature, decimal actual, Colour expected)
    {
        var v = IndicatorEvaluation.Evaluate(Def(direction, nature), new Target { GrowthPct = target, Qualifier = qualifier }, One(null, actual), _june, _rules);

        Assert.Equal(expected, v.Colour);
        Assert.Contains($"增速{actual.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%", v.Reason);
        Assert.Equal(actual, v.Projection);
    }

    // Level targets of cumulative indicators against target × time progress (June = 50 %); yellow within 5 % short.
    public static TheoryData<decimal, Direction, Nature, decimal?, decimal, Colour> LevelCases => new()
    {
        // annual target, direction, nature, seasonal share, actual to date, colour
        { 350m, Direction.HigherIsBetter, Nature.Expected, null, 175m, Colour.Green }, // exactly on time progress
        { 350m, Direction.HigherIsBetter, Nature.Expected, null, 400m, Colour.Green }, // over 100 % of the year's target in June
        { 350m, Direction.HigherIsBetter, Nature.Expected, null, 170m, Colour.Yellow },
        { 350m, Direction.HigherIsBetter, Nature.Expected, null, 166.25m, Colour.Yellow }, // exactly 5 % short
        { 350m, Direction.HigherIsBetter, Nature.Expected, null, 166m, Colour.Red },
        { 350m, Direction.HigherIsBetter, Nature.Expected, null, 0m, Colour.Red },
        { 350m, Direction.HigherIsBetter, Nature.Binding, null, 170m, Colour.Red },
        { 350m, Direction.HigherIsBetter, Nature.Expected, 0.4m, 140m, Colour.Green }, // the indicator's own season: 40 % by June
        { 350m, Direction.HigherIsBetter, Nature.Expected, 0.4m, 130m, Colour.Red },
        { 100m, Direction.LowerIsBetter, Nature.Expected, null, 50m, Colour.Green }, // a ceiling: at the pace is fine
        { 100m, Direction.LowerIsBetter, Nature.Expected, null, 30m, Colour.Green },
        { 100m, Direction.LowerIsBetter, Nature.Expected, null, 52m, Colour.Yellow },
        { 100m, Direction.LowerIsBetter, Nature.Expected, null, 60m, Colour.Red },
    };

    [Theory]
    [MemberData(nameof(LevelCases))]
    public void Evaluate_CumulativeLevel_ComparesWithTargetTimesProgress(decimal target, Direction direction, Nature nature, decimal? season, decimal actual, Colour expected)
    {
        var v = IndicatorEvaluation.Evaluate(Def(direction, nature), new Target { Value = target }, One(actual, null), _june, _rules, season);

        Assert.Equal(expected, v.Colour);
        Assert.Equal(target * (season ?? 0.5m), v.ExpectedToDate);
        Assert.Contains(season is null ? "序时进度" : "往年同期占比", v.Reason);
        if (nature == Nature.Binding && expected == Colour.Red)
        {
            Assert.Contains("约束性", v.Reason);
        }
    }

    [Theory]
    [InlineData(40, 40, Colour.Green)]
    [InlineData(40, 45, Colour.Green)]
    [InlineData(40, 39, Colour.Yellow)]
    [InlineData(40, 36, Colour.Red)]
    public void Evaluate_PointValue_ComparesWithTheTargetItself(decimal target, decimal actual, Colour expected)
    {
        var v = IndicatorEvaluation.Evaluate(Def(cumulative: false, kind: IndicatorKind.Share), new Target { Value = target }, One(actual, null), _june, _rules);

        Assert.Equal(expected, v.Colour);
        Assert.Equal(actual, v.Projection);
        Assert.Null(v.MonthlyPaceNeeded);
    }

    [Theory]
    [InlineData(3.0, Colour.Green)]
    [InlineData(2.5, Colour.Green)]
    [InlineData(3.5, Colour.Green)]
    [InlineData(4.0, Colour.Yellow)]
    [InlineData(2.0, Colour.Yellow)]
    [InlineData(5.0, Colour.Red)]
    public void Evaluate_Band_GreenInsideYellowNearRedFar(double actual, Colour expected)
    {
        var cpi = Def(Direction.WithinBand, cumulative: false, kind: IndicatorKind.GrowthRate);
        var v = IndicatorEvaluation.Evaluate(cpi, new Target { Value = 2.5m, Upper = 3.5m, GrowthPct = 3m, Qualifier = Qualifier.About }, One(null, (decimal)actual), _june, _rules);

        Assert.Equal(expected, v.Colour);
        Assert.Contains("目标区间2.5–3.5", v.Reason);
    }

    [Fact]
    public void Evaluate_CumulativeLevel_ProjectsYearEndAndPaceNeeded()
    {
        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m }, One(150m, null), _june, _rules);

        Assert.Equal(300m, v.Projection); // 150 at half the year
        Assert.Equal(200m / 6, v.MonthlyPaceNeeded); // 200 left over 6 months
    }

    [Fact]
    public void Evaluate_December_NoPaceLeft()
    {
        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m }, One(340m, null, month: 12), new YearMonth(2023, 12), _rules);

        Assert.Null(v.MonthlyPaceNeeded);
        Assert.Equal(340m, v.Projection);
    }

    [Fact]
    public void Evaluate_TargetAlreadyExceeded_PaceIsZeroNotNegative()
    {
        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m }, One(360m, null), _june, _rules);

        Assert.Equal(0m, v.MonthlyPaceNeeded);
    }

    [Theory]
    [InlineData(190, false)]
    [InlineData(200, true)]
    [InlineData(210, true)]
    public void Evaluate_Stretch_JudgedApartAndNeverChangesTheColour(decimal actual, bool met)
    {
        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m, StretchValue = 400m }, One(actual, null), _june, _rules);

        Assert.Equal(Colour.Green, v.Colour); // 350 × 50 % = 175 reached in every case
        Assert.Equal(met, v.StretchMet);
        Assert.StartsWith("力争目标400亿元", v.StretchReason);
    }

    [Fact]
    public void Evaluate_StretchGrowth_JudgedOnGrowth()
    {
        var v = IndicatorEvaluation.Evaluate(Def(), new Target { GrowthPct = 10m, StretchGrowthPct = 12m }, One(null, 11m), _june, _rules);

        Assert.Equal(Colour.Green, v.Colour);
        Assert.False(v.StretchMet);
    }

    [Fact]
    public void Evaluate_NoObservation_GreyNoData()
    {
        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m }, [], _june, _rules);

        Assert.Equal(Colour.Grey, v.Colour);
        Assert.Contains("暂无数据", v.Reason);
    }

    [Fact]
    public void Evaluate_OnlyLaterMonthsAndLastYear_GreyNoData()
    {
        Observation[] obs = [new(new YearMonth(2023, 7), 200m, null), new(new YearMonth(2022, 12), 300m, null)];

        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m }, obs, _june, _rules);

        Assert.Equal(Colour.Grey, v.Colour);
    }

    [Fact]
    public void Evaluate_MissingMonth_UsesLatestFigureAtItsOwnProgressAndSaysSo()
    {
        Observation[] obs = [new(new YearMonth(2023, 3), 80m, null), new(new YearMonth(2023, 4), 120m, null)];

        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m }, obs, new YearMonth(2023, 5), _rules);

        // April: 350 × 4/12 = 116.67, so 120 is on pace; May's figure is missing, not zero.
        Assert.Equal(Colour.Green, v.Colour);
        Assert.Equal(120m, v.Actual);
        Assert.Contains("最新数据为2023年4月", v.Reason);
        Assert.Contains("2023年5月数据缺报", v.Reason);
    }

    [Fact]
    public void Evaluate_FinalReplacesPreliminaryOfTheSameMonth()
    {
        Observation[] obs = [new(_june, 190m, null, Final: false), new(_june, 160m, null, Final: true)];

        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m }, obs, _june, _rules);

        Assert.Equal(160m, v.Actual);
        Assert.Equal(Colour.Red, v.Colour);
    }

    [Fact]
    public void Latest_PreliminaryOfALaterMonthBeatsFinalOfAnEarlierOne()
    {
        Observation[] obs = [new(new YearMonth(2023, 5), 150m, null, Final: true), new(_june, 170m, null, Final: false)];

        Assert.Equal(170m, IndicatorEvaluation.Latest(obs, _june)!.Value);
    }

    [Fact]
    public void Evaluate_DownwardRevisionOfTheCumulative_TakesTheLowerFigure()
    {
        // A negative correction: June's cumulative is below May's.
        Observation[] obs = [new(new YearMonth(2023, 5), 170m, null), new(_june, 150m, null)];

        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m }, obs, _june, _rules);

        Assert.Equal(150m, v.Actual);
        Assert.Equal(Colour.Red, v.Colour);
    }

    [Fact]
    public void Evaluate_GrowthTargetButOnlyALevelReported_GreyMismatchExplained()
    {
        var v = IndicatorEvaluation.Evaluate(Def(), new Target { GrowthPct = 8m }, One(100m, null), _june, _rules);

        Assert.Equal(Colour.Grey, v.Colour);
        Assert.Contains("口径不一致", v.Reason);
    }

    [Fact]
    public void Evaluate_LevelTargetWithGrowthOnly_ComparesNothingItCannot()
    {
        var v = IndicatorEvaluation.Evaluate(Def(), new Target { Value = 350m }, One(null, 9m), _june, _rules);

        Assert.Equal(Colour.Grey, v.Colour);
    }

    [Fact]
    public void Evaluate_RulesAreData_WiderYellowBandChangesTheColour()
    {
        var wide = new IndicatorRules { GrowthYellowPoints = 2m };

        var v = IndicatorEvaluation.Evaluate(Def(), new Target { GrowthPct = 8m }, One(null, 6.5m), _june, wide);

        Assert.Equal(Colour.Yellow, v.Colour);
        Assert.Contains("不超过2个百分点为黄", v.Reason);
    }
}
