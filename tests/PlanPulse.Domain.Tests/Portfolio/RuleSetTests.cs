using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Domain.Tests.Portfolio;

public sealed class RuleSetTests
{
    private static readonly RuleSet _defaults = RuleSet.DefaultFor(2025);

    [Fact]
    public void DefaultFor_Year_HasPublishedDefaults()
    {
        var rules = RuleSet.DefaultFor(2025);

        Assert.Equal(2025, rules.Year);
        Assert.Equal(TimeProgressBasis.MonthOverTwelve, rules.Basis);
        Assert.Equal(10m, rules.GreenMaxGapPoints);
        Assert.Equal(30m, rules.YellowMaxGapPoints);
        Assert.Equal(3, rules.StartRedAfterMonths);
        Assert.Equal(1, rules.RegistrationYellowAfterMonths);
        Assert.Equal(2, rules.RegistrationRedAfterMonths);
        Assert.Equal(5, rules.ReportDeadlineDay);
        Assert.Equal(3, rules.RedListSize);
        Assert.Equal(3, rules.BlackListSize);
        Assert.Empty(rules.Exemptions);
        Assert.Equal(1.0m, rules.Weights.Total);
    }

    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        Assert.Empty(RuleSet.DefaultFor(2025).Validate());
    }

    public static TheoryData<string, RuleSet, string> InvalidCases => new()
    {
        { "green negative", _defaults with { GreenMaxGapPoints = -1m }, "绿色阈值不能为负数" },
        { "yellow below green", _defaults with { YellowMaxGapPoints = 5m }, "黄色阈值应不小于绿色阈值" },
        { "start red after 0 months", _defaults with { StartRedAfterMonths = 0 }, "开工红色月数应至少为1" },
        { "start red after −1 months", _defaults with { StartRedAfterMonths = -1 }, "开工红色月数应至少为1" },
        { "registration red before yellow", _defaults with { RegistrationYellowAfterMonths = 3, RegistrationRedAfterMonths = 2 }, "入库红色月数应不小于黄色月数" },
        { "deadline day 0", _defaults with { ReportDeadlineDay = 0 }, "报送截止日应在1–28日之间" },
        { "deadline day 29", _defaults with { ReportDeadlineDay = 29 }, "报送截止日应在1–28日之间" },
        { "deadline day 31", _defaults with { ReportDeadlineDay = 31 }, "报送截止日应在1–28日之间" },
        { "investment weight negative", _defaults with { Weights = new LeagueWeights { Investment = -0.1m } }, "投资完成权重不能为负数" },
        { "start weight negative", _defaults with { Weights = new LeagueWeights { Start = -0.1m } }, "开工权重不能为负数" },
        { "milestones weight negative", _defaults with { Weights = new LeagueWeights { Milestones = -0.1m } }, "节点按期权重不能为负数" },
        { "problems weight negative", _defaults with { Weights = new LeagueWeights { Problems = -0.1m } }, "问题解决权重不能为负数" },
        { "reports weight negative", _defaults with { Weights = new LeagueWeights { Reports = -0.1m } }, "按时报送权重不能为负数" },
        {
            "weights all zero",
            _defaults with { Weights = new LeagueWeights { Investment = 0m, Start = 0m, Milestones = 0m, Problems = 0m, Reports = 0m } },
            "权重之和应大于0"
        },
        { "red list negative", _defaults with { RedListSize = -1 }, "红榜名额不能为负数" },
        { "black list negative", _defaults with { BlackListSize = -1 }, "黑榜名额不能为负数" },
        { "basis not a known basis", _defaults with { Basis = (TimeProgressBasis)7 }, "序时进度口径无效" },
        { "registration yellow negative", _defaults with { RegistrationYellowAfterMonths = -1 }, "入库黄色月数不能为负数" },
        { "indicator growth yellow negative", _defaults with { Indicators = new() { GrowthYellowPoints = -0.5m } }, "指标增速黄色阈值不能为负数" },
        { "indicator level share 1", _defaults with { Indicators = new() { LevelYellowShare = 1m } }, "指标总量黄色比例应不小于0且小于1" },
        { "indicator level share negative", _defaults with { Indicators = new() { LevelYellowShare = -0.01m } }, "指标总量黄色比例应不小于0且小于1" },
        { "exemption without unit", _defaults with { Exemptions = [new Exemption(" ", 202501, 202503, "汛期停工")] }, "第1条豁免:请选择单位" },
        { "exemption without reason", _defaults with { Exemptions = [new Exemption("T01", 202501, 202503, "")] }, "第1条豁免:请填写豁免原因" },
        { "exemption ends before it starts", _defaults with { Exemptions = [new Exemption("T01", 202506, 202503, "汛期停工")] }, "第1条豁免:截止月份不能早于起始月份" },
        { "exemption from another year", _defaults with { Exemptions = [new Exemption("T01", 202412, 202503, "汛期停工")] }, "第1条豁免:起始月份应为2025年内的月份" },
        { "exemption to month 13", _defaults with { Exemptions = [new Exemption("T01", 202501, 202513, "汛期停工")] }, "第1条豁免:截止月份应为2025年内的月份" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Validate_OneInvalidSetting_OneChineseError(string scenario, RuleSet rules, string expected)
    {
        var errors = rules.Validate();

        Assert.True(errors.Count == 1, $"{scenario}: {string.Join(" | ", errors)}");
        Assert.Equal(expected, errors[0]);
    }

    [Fact]
    public void Validate_SeveralInvalidSettings_ListsEveryErrorInOrder()
    {
        var rules = _defaults with
        {
            GreenMaxGapPoints = -1m,
            YellowMaxGapPoints = -5m,
            ReportDeadlineDay = 31,
            Weights = new LeagueWeights { Investment = -1m, Start = 0m, Milestones = 0m, Problems = 0m, Reports = 0m },
            BlackListSize = -2,
        };

        string[] expected =
        [
            "绿色阈值不能为负数",
            "黄色阈值应不小于绿色阈值",
            "报送截止日应在1–28日之间",
            "投资完成权重不能为负数",
            "权重之和应大于0",
            "黑榜名额不能为负数",
        ];
        Assert.Equal(expected, rules.Validate());
    }

    [Fact]
    public void Check_EachProblem_NamesItsField()
    {
        var rules = _defaults with
        {
            YellowMaxGapPoints = 5m,
            Weights = new LeagueWeights { Problems = -0.05m },
            Exemptions = [new Exemption("T01", 202501, 202503, "汛期停工"), new Exemption("T02", 202505, 202504, "")],
        };

        Assert.Equal(
            [
                new RuleError("yellowMaxGapPoints", "黄色阈值应不小于绿色阈值"),
                new RuleError("weights.problems", "问题解决权重不能为负数"),
                new RuleError("exemptions[1].to", "第2条豁免:截止月份不能早于起始月份"),
                new RuleError("exemptions[1].reason", "第2条豁免:请填写豁免原因"),
            ],
            rules.Check());
    }

    public static TheoryData<string, RuleSet> ValidEdgeCases => new()
    {
        { "green and yellow 0", _defaults with { GreenMaxGapPoints = 0m, YellowMaxGapPoints = 0m } },
        { "yellow equals green", _defaults with { GreenMaxGapPoints = 20m, YellowMaxGapPoints = 20m } },
        { "start red after 1 month", _defaults with { StartRedAfterMonths = 1 } },
        { "registration red equals yellow", _defaults with { RegistrationYellowAfterMonths = 2, RegistrationRedAfterMonths = 2 } },
        { "deadline day 1", _defaults with { ReportDeadlineDay = 1 } },
        { "deadline day 28", _defaults with { ReportDeadlineDay = 28 } },
        { "no red or black list", _defaults with { RedListSize = 0, BlackListSize = 0 } },
        { "lists larger than half a small table (each table shrinks them)", _defaults with { RedListSize = 10, BlackListSize = 10 } },
        { "only one weight", _defaults with { Weights = new LeagueWeights { Investment = 1m, Start = 0m, Milestones = 0m, Problems = 0m, Reports = 0m } } },
        { "weights summing to more than 1", _defaults with { Weights = new LeagueWeights { Investment = 60m, Start = 10m, Milestones = 10m, Problems = 10m, Reports = 10m } } },
        { "project curve basis", _defaults with { Basis = TimeProgressBasis.ProjectCurve } },
        { "exemption of one month of the year", _defaults with { Exemptions = [new Exemption("T01", 202507, 202507, "汛期停工")] } },
        { "indicator thresholds 0", _defaults with { Indicators = new() { GrowthYellowPoints = 0m, LevelYellowShare = 0m } } },
    };

    [Theory]
    [MemberData(nameof(ValidEdgeCases))]
    public void Validate_EdgeButCoherent_NoErrors(string scenario, RuleSet rules)
    {
        var errors = rules.Validate();

        Assert.True(errors.Count == 0, $"{scenario}: {string.Join(" | ", errors)}");
    }

    [Fact]
    public void Weights_Total_SumsTheFiveParts()
    {
        var w = new LeagueWeights { Investment = 2m, Start = 1m, Milestones = 0.5m, Problems = 0.25m, Reports = 0.25m };

        Assert.Equal(4m, w.Total);
    }

    [Theory]
    [InlineData("T01", 202301, true)] // first month of the range
    [InlineData("T01", 202304, true)]
    [InlineData("T01", 202306, true)] // last month of the range
    [InlineData("T01", 202212, false)]
    [InlineData("T01", 202307, false)]
    [InlineData("T02", 202304, false)]
    [InlineData("t01", 202304, false)] // codes compare ordinally
    public void Covers_UnitAndMonth_InsideInclusiveRangeOnly(string unitCode, int monthId, bool expected)
    {
        var exemption = new Exemption("T01", 202301, 202306, "洪涝灾害,不可抗力");

        Assert.Equal(expected, exemption.Covers(unitCode, YearMonth.FromId(monthId)));
    }
}
