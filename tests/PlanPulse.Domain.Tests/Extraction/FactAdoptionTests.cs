using PlanPulse.Domain.Extraction;
using PlanPulse.Domain.Indicators;

namespace PlanPulse.Domain.Tests.Extraction;

public sealed class FactAdoptionTests
{
    private static readonly CatalogueEntry[] Catalogue =
    [
        new("ZB001", "地区生产总值", "亿元"),
        new("ZB002", "固定资产投资", "亿元"),
        new("ZB003", "其中工业投资", "亿元"),
        new("ZB004", "城区空气优良天数", "天"),
        new("ZB005", "新培育科技型企业", "家"),
        new("ZB006", "单位GDP能耗强度", "%"),
    ];

    public static TheoryData<string, string?, string?> Suggestions => new()
    {
        // metric as the text names it (traditional or simplified), unit, best code (null: nothing suggested)
        { "地區生產總值", "亿元", "ZB001" },
        { "全年地区生产总值", "亿元", "ZB001" },
        { "固定資產投資", null, "ZB002" },
        { "工业投资", "亿元", "ZB003" },
        { "空气质量优良天数", "天", "ZB004" },
        { "新培育科技型企业", "家", "ZB005" },
        { "单位GDP能耗强度", null, "ZB006" },
        { "粮食播种面积", "万亩", null },
        { "", "亿元", null },
    };

    [Theory]
    [MemberData(nameof(Suggestions))]
    public void Suggest_BestMatchFirst(string metric, string? unit, string? expected)
    {
        var best = FactAdoption.Suggest(metric, unit, Catalogue).FirstOrDefault();
        Assert.Equal(expected, best?.Code);
        if (best is not null)
        {
            Assert.InRange(best.Score, 0.5, 1.0);
            Assert.False(string.IsNullOrEmpty(best.Why));
        }
    }

    [Fact]
    public void Suggest_SameNameOtherUnit_HalvedAndSaysWhy()
    {
        var exact = FactAdoption.Suggest("地区生产总值", "亿元", Catalogue).Single(s => s.Code == "ZB001");
        var other = FactAdoption.Suggest("地区生产总值", "万元", Catalogue).Single(s => s.Code == "ZB001");
        Assert.Equal(1.0, exact.Score);
        Assert.Equal(0.5, other.Score);
        Assert.Contains("单位不同", other.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_AtMostMax_OrderedByScore()
    {
        var all = FactAdoption.Suggest("投资", "亿元", Catalogue, max: 2);
        Assert.Equal(2, all.Count);
        Assert.True(all[0].Score >= all[1].Score);
        Assert.Empty(FactAdoption.Suggest("投资", "亿元", []));
    }

    public static TheoryData<string, string?, string?, string?, string, IndicatorKind, Direction> Shapes => new()
    {
        // metric, unit, value, growth → unit, kind, direction
        { "地区生产总值", "亿元", "918.6", "2.6", "亿元", IndicatorKind.Level, Direction.HigherIsBetter },
        { "农业增加值", null, null, "3", "%", IndicatorKind.GrowthRate, Direction.HigherIsBetter },
        { "单位GDP能耗强度", null, null, "-3.7", "%", IndicatorKind.GrowthRate, Direction.LowerIsBetter },
        { "R&D投入占GDP比重", "%", "3", null, "%", IndicatorKind.Share, Direction.HigherIsBetter },
        { "城镇调查失业率", "%", "5.5", null, "%", IndicatorKind.Share, Direction.LowerIsBetter },
        { "新培育科技型企业", "家", "108", null, "家", IndicatorKind.Count, Direction.HigherIsBetter },
        { "安全生產事故死亡人數", "人", "3", null, "人", IndicatorKind.Count, Direction.LowerIsBetter },
        { "高标准农田", "万亩", "5.1", null, "万亩", IndicatorKind.Level, Direction.HigherIsBetter },
        { "城镇居民收入差距", "个百分点", "-0.3", null, "个百分点", IndicatorKind.Share, Direction.HigherIsBetter },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shape_FromTheFact(string metric, string? unit, string? value, string? growth, string expectedUnit, IndicatorKind kind, Direction direction)
    {
        var shape = FactAdoption.Shape(metric, unit, value is null ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            growth is null ? null : decimal.Parse(growth, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new IndicatorShape(expectedUnit, kind, direction), shape);
    }

    [Theory]
    [InlineData("以上", Qualifier.AtLeast)]
    [InlineData("不低於", Qualifier.AtLeast)]
    [InlineData("左右", Qualifier.About)]
    [InlineData("以內", Qualifier.AtMost)]
    [InlineData("突破", Qualifier.Exceed)]
    [InlineData("力争", Qualifier.None)]
    [InlineData(null, Qualifier.None)]
    [InlineData("", Qualifier.None)]
    public void QualifierOf_TraditionalOrSimplified(string? word, Qualifier expected) => Assert.Equal(expected, FactAdoption.QualifierOf(word));

    [Theory]
    [InlineData("計劃安排重大建設項目", "计划安排重大建设项目")]
    [InlineData("全年地區生產總值", "地区生产总值")]
    [InlineData("其中工業投資", "工业投资")]
    [InlineData("全区ＰＭ２.５平均浓度", "PM2.5平均浓度")]
    [InlineData("其中", "其中")]
    [InlineData("新增市級“專精特新”企業", "新增市级“专精特新”企业")]
    public void IndicatorName_SimplifiedWithoutScopeWords(string metric, string expected)
    {
        Assert.Equal(expected, FactAdoption.IndicatorName(metric));
    }

    [Theory]
    [InlineData("计划安排重大建设项目", "重大项目安排")]
    [InlineData("重大建设项目年度计划投资", "重大项目安排")]
    [InlineData("单位地区生产总值能耗", "生态和安全")]
    [InlineData("地区生产总值", "综合经济")]
    [InlineData("一般公共预算收入", "综合经济")]
    [InlineData("工业投资", "投资和消费")]
    [InlineData("社会消费品零售总额", "投资和消费")]
    [InlineData("规模以上工业总产值", "工业和创新")]
    [InlineData("新培育科技型企业", "工业和创新")]
    [InlineData("接待过夜游客", "乡村振兴和文旅")]
    [InlineData("老旧片区改造", "城市建设")]
    [InlineData("新增市场主体", "改革和营商环境")]
    [InlineData("城镇新增就业", "民生保障")]
    [InlineData("城乡居民人均可支配收入", "民生保障")]
    [InlineData("川渝合作项目", "川渝合作")]
    [InlineData("某项无法归类的数", "其他")]
    public void ProposeCategory_ByWordsOfTheName(string name, string expected)
    {
        Assert.Equal(expected, FactAdoption.ProposeCategory(name));
    }

    public static TheoryData<string, (string?, decimal?, decimal?)[], string, IndicatorKind, Direction> GroupShapes => new()
    {
        // The growth sentence first, the level second: the level's unit decides, not "a growth rate".
        { "固定资产投资", [(null, null, 5.2m), ("亿元", 350m, null)], "亿元", IndicatorKind.Level, Direction.HigherIsBetter },
        { "固定资产投资", [("亿元", 350m, null), (null, null, 5.2m)], "亿元", IndicatorKind.Level, Direction.HigherIsBetter },
        // Growth only: a growth rate.
        { "社会消费品零售总额", [(null, null, 0.6m), (null, null, 8m)], "%", IndicatorKind.GrowthRate, Direction.HigherIsBetter },
        // 能耗强度下降: lower is better, even when another fact of it states a level.
        { "单位GDP能耗强度", [("吨标准煤/万元", 0.9m, null), (null, null, -3m)], "吨标准煤/万元", IndicatorKind.Level, Direction.LowerIsBetter },
        { "新培育科技型企业", [("家", 120m, null)], "家", IndicatorKind.Count, Direction.HigherIsBetter },
    };

    [Theory]
    [MemberData(nameof(GroupShapes))]
    public void ShapeOf_FactsInAnyOrder_OneShape(string metric, (string?, decimal?, decimal?)[] facts, string unit, IndicatorKind kind, Direction direction)
    {
        var shape = FactAdoption.ShapeOf(metric, facts);

        Assert.Equal(new IndicatorShape(unit, kind, direction), shape);
        Assert.Equal(shape, FactAdoption.ShapeOf(metric, facts.Reverse()));
    }
}
