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
}
