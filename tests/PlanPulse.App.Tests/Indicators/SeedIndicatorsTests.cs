using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;
using PlanPulse.App.Features.Indicators;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Text;

namespace PlanPulse.App.Tests.Indicators;

/// <summary>The demo holds every quantified 2022 actual and 2023 target of the seed, each traceable to its sentence.</summary>
public sealed class SeedIndicatorsTests
{
    private static readonly IReadOnlyList<SeedIndicators.SeedFact> _facts = SeedIndicators.LoadFacts();

    private static string SeedText()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PlanPulse.slnx")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir!.FullName, "tests", "fixtures", "seed", "000_6da318eeea9b20a6.txt"));
    }

    [Fact]
    public void Facts_EveryQuoteIsTheSeedTextAtItsOffsets()
    {
        var seed = SeedText();

        Assert.Equal(186, _facts.Count);
        Assert.All(_facts, f => Assert.Equal(f.Quote, seed[f.Start..f.End]));
    }

    [Fact]
    public void Build_EveryActualIsAnObservationOfItsYearWithItsSentence()
    {
        var built = SeedIndicators.Build(_facts);
        var actuals = _facts.Where(f => f.Kind == "actual").ToList();

        Assert.Equal(110, actuals.Count);
        foreach (var f in actuals)
        {
            var indicator = built.FactIndicator[f];
            var o = Assert.Single(built.Observations, o => o.Indicator == indicator && o.Period == "2022");
            Assert.False(o.IsDemo, f.Metric);
            Assert.Contains(f.Quote, o.SourceQuote);
            if (f.GrowthPct is { } g)
            {
                Assert.Equal(g, o.GrowthPct);
            }

            if (f.Value is { } v)
            {
                // 1万户 and 9080户 share one indicator in 户; every other value is as the seed wrote it.
                Assert.Equal(indicator.Unit == "户" && f.Unit == "万户" ? v * 10000 : v, o.Value);
            }
        }
    }

    [Fact]
    public void Build_EveryTargetIsInThe2023AnnualPlanWithItsSentence()
    {
        var built = SeedIndicators.Build(_facts);
        var targets = _facts.Where(f => f.Kind == "target").ToList();

        Assert.Equal(76, targets.Count);
        foreach (var f in targets)
        {
            var t = Assert.Single(built.Targets, t => t.Indicator == built.FactIndicator[f] && t.Plan!.Code == SeedIndicators.AnnualPlanCode);
            Assert.Equal(2023, t.Year);
            Assert.Contains(f.Quote, t.SourceQuote);
            var stretch = f.Qualifier == "力争" && t.StretchValue is not null;
            var value = f.Unit == "万户" ? f.Value * 10000 : f.Value;
            Assert.Equal(value, stretch ? t.StretchValue : t.Value);
            Assert.Equal(f.GrowthPct, stretch ? t.StretchGrowthPct : t.GrowthPct);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Get_2022_HasTheSeedsHeadlineActuals(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var result = await IndicatorQueries.GetAsync(db, new YearMonth(2022, 12));

        var gdp = Assert.Single(result.Rows, r => r.Name == "地区生产总值");
        Assert.Equal(918.6m, gdp.Actual);
        Assert.Equal(2.6m, gdp.Growth);
        Assert.Equal("亿元", gdp.Unit);
        Assert.Contains("全年實現地區生產總值918.6億元", gdp.ActualSource);
        var fai = Assert.Single(result.Rows, r => r.Name == "固定资产投资");
        Assert.Equal(310.2m, fai.Actual); // level from one sentence…
        Assert.Equal(5.2m, fai.Growth); // …growth from another
        var energy = Assert.Single(result.Rows, r => r.Name == "单位GDP能耗强度");
        Assert.Equal(-3.7m, energy.Growth);
        Assert.Equal("LowerIsBetter", energy.Direction);
        Assert.True(energy.Binding);
        var air = Assert.Single(result.Rows, r => r.Name == "空气质量优良天数");
        Assert.Equal(320m, air.Actual);
        Assert.All(result.Rows, r => Assert.Null(r.Colour)); // 2022 had no targets in the system: actuals only
        // Every 2022 figure is the seed's own, except the five-year demo's energy index derived from it.
        Assert.Equal(["单位GDP能耗指数(基期=100)"], result.Rows.Where(r => r.Demo).Select(r => r.Name));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Get_2023June_TargetsFromTheSeedEvaluatedWithReasons(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var result = await IndicatorQueries.GetAsync(db, new YearMonth(2023, 6));

        var fai = Assert.Single(result.Rows, r => r.Name == "固定资产投资");
        Assert.Equal(350m, fai.Target);
        Assert.Equal(400m, fai.Stretch);
        Assert.Contains("力爭完成400億元", fai.TargetSource);
        Assert.NotNull(fai.StretchReason);
        var industry = Assert.Single(result.Rows, r => r.Name == "规模以上工业总产值");
        Assert.Equal(10m, industry.TargetGrowth);
        Assert.Equal("以上", industry.Qualifier);
        var air = Assert.Single(result.Rows, r => r.Name == "空气质量优良天数");
        Assert.Equal(325m, air.Target);
        Assert.True(air.Binding);
        var retail = Assert.Single(result.Rows, r => r.Name == "社会消费品零售总额");
        Assert.Equal(8m, retail.TargetGrowth);
        Assert.Equal(75, result.Rows.Count); // 76 target sentences, 350 and its 力争400 on one row
        Assert.All(result.Rows.Where(r => r.Actual is not null || r.Growth is not null), r =>
        {
            Assert.NotNull(r.Colour);
            Assert.False(string.IsNullOrWhiteSpace(r.Reason));
            Assert.True(r.Demo);
        });
        Assert.Contains(result.Rows, r => r.Colour == "red");
        Assert.Contains(result.Rows, r => r.Colour == "green");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task FiveYear_Demo_BaselinesConsistentWithTheSeed(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var view = await FiveYearQueries.GetAsync(db);

        Assert.NotNull(view);
        Assert.True(view.Demo);
        Assert.Equal(5, view.Rows.Count);
        var gdp = Assert.Single(view.Rows, r => r.Name == "地区生产总值");
        Assert.Equal(918.6m, gdp.Actuals[2022]); // the seed's own figure
        Assert.Equal(Math.Round(918.6m / 1.026m, 1), gdp.Actuals[2021]); // consistent with the seed's +2.6 %
        Assert.Equal(2022, gdp.LatestYear);
        Assert.NotNull(gdp.RequiredAnnualGrowthPct);
        Assert.False(string.IsNullOrEmpty(gdp.Verdict));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Resolve_DefaultsToLatestMonthWithFigures(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        Assert.Equal(new YearMonth(2023, SeedIndicators.DemoLastMonth), (await IndicatorQueries.ResolveAsync(db, null, null)).Month);
        Assert.Equal(new YearMonth(2022, 12), (await IndicatorQueries.ResolveAsync(db, 2022, null)).Month);
        Assert.NotNull((await IndicatorQueries.ResolveAsync(db, 2023, 13)).Error);
        Assert.NotNull((await IndicatorQueries.ResolveAsync(db, 1800, null)).Error);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Get_EmptyDatabase_NoRowsAndResolveExplains(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        Assert.Empty((await IndicatorQueries.GetAsync(db, new YearMonth(2023, 6))).Rows);
        Assert.Contains("尚无指标数据", (await IndicatorQueries.ResolveAsync(db, null, null)).Error);
        Assert.Null(await FiveYearQueries.GetAsync(db));
    }

    [Fact]
    public void IndicatorName_TraditionalAndAliasesMeetOnOneName()
    {
        Assert.Equal("地区生产总值", SeedIndicators.IndicatorName("地區生產總值"));
        Assert.Equal("空气质量优良天数", SeedIndicators.IndicatorName("城區空氣優良天數"));
        Assert.Equal("规模以上工业总产值", SeedIndicators.IndicatorName("規上工業總產值"));
        Assert.Equal(Chinese.Normalize("R&D投入占GDP比重"), SeedIndicators.IndicatorName("R&D投入占GDP比重"));
    }
}
