using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Domain.Tests.Portfolio;

public sealed class PortfolioMeasuresTests
{
    [Theory]
    // name → measure, track keyword, 特别重大
    [InlineData("计划安排重大建设项目", PortfolioMeasure.Projects, null, false)]
    [InlineData("年度重大建设项目", PortfolioMeasure.Projects, null, false)]
    [InlineData("重大建设项目总投资", PortfolioMeasure.TotalInvestment, null, false)]
    [InlineData("重大建设项目年度计划投资", PortfolioMeasure.AnnualPlan, null, false)]
    [InlineData("重大建设项目完成投资", PortfolioMeasure.Completed, null, false)]
    [InlineData("重大建设项目投资完成率", PortfolioMeasure.CompletionRate, null, false)]
    [InlineData("重大建设项目新开工", PortfolioMeasure.Started, null, false)]
    [InlineData("新材料高地专项安排项目", PortfolioMeasure.Projects, "新材料高地", false)]
    [InlineData("生命科学城专项总投资", PortfolioMeasure.TotalInvestment, "生命科学城", false)]
    [InlineData("特别重大项目", PortfolioMeasure.Projects, null, true)]
    public void Propose_reads_the_measure_and_the_part_from_the_name(string name, PortfolioMeasure measure, string? track, bool special) =>
        Assert.Equal(new MeasureLink(measure, track, special), PortfolioMeasures.Propose(name));

    [Theory]
    [InlineData("固定资产投资")]
    [InlineData("签约十亿级项目")]
    [InlineData("年度重点民生实事")]
    [InlineData("工业投资")]
    [InlineData("")]
    public void Propose_leaves_other_indicators_alone(string name) => Assert.Null(PortfolioMeasures.Propose(name));

    private static readonly PortfolioFacts Facts = new(220, 29_640_000m, 3_320_000m, 3_501_059m, 31);

    [Theory]
    [InlineData(PortfolioMeasure.Projects, "个", 220d)]
    [InlineData(PortfolioMeasure.Projects, "亿元", null)]
    [InlineData(PortfolioMeasure.Started, "个", 31d)]
    [InlineData(PortfolioMeasure.TotalInvestment, "亿元", 2964d)]
    [InlineData(PortfolioMeasure.TotalInvestment, "万元", 29640000d)]
    [InlineData(PortfolioMeasure.TotalInvestment, "个", null)]
    [InlineData(PortfolioMeasure.AnnualPlan, "亿元", 332d)]
    [InlineData(PortfolioMeasure.Completed, "亿元", 350.11)]
    [InlineData(PortfolioMeasure.CompletionRate, "%", 105.5)]
    [InlineData(PortfolioMeasure.CompletionRate, "亿元", null)]
    public void Value_is_in_the_indicators_unit(PortfolioMeasure measure, string unit, double? expected) =>
        Assert.Equal(expected is { } e ? (decimal)e : null, PortfolioMeasures.Value(measure, Facts, unit));

    [Fact]
    public void A_rate_without_a_plan_has_no_value() =>
        Assert.Null(PortfolioMeasures.Value(PortfolioMeasure.CompletionRate, Facts with { AnnualPlan = 0m }, "%"));
}
