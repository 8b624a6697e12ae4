using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Domain.Tests.Portfolio;

public sealed class RollupTests
{
    private sealed record Item(string Name, string Town, string[] Lists, ProjectLine Line);

    // Amounts in 万元: total investment, annual plan, completed, colour.
    private static readonly Item _bridge = new("大桥", "城关镇", ["重点项目", "民生实事"], new ProjectLine(10000m, 2000m, 1000m, Colour.Green));
    private static readonly Item _school = new("学校", "新桥镇", ["民生实事"], new ProjectLine(5000m, 1000m, 300m, Colour.Red));
    private static readonly Item _factory = new("工厂", "城关镇", ["重点项目", "招商引资"], new ProjectLine(3000m, 1000m, 1200m, Colour.Blue));
    private static readonly Item _road = new("道路", "新桥镇", [], new ProjectLine(800m, 0m, 0m, Colour.Grey));

    [Fact]
    public void Total_Lines_SumsAmountsAndColours()
    {
        var row = Rollup.Total("全区", [_bridge.Line, _school.Line, _factory.Line]);

        Assert.Equal(new RollupRow("全区", 3, 18000m, 4000m, 2500m, 0.625m, new ColourCounts(1, 1, 0, 1, 0)), row);
    }

    [Fact]
    public void Total_Empty_ZeroProjectsAndNullRate()
    {
        var row = Rollup.Total("全区", []);

        Assert.Equal("全区", row.Key);
        Assert.Equal(0, row.Projects);
        Assert.Equal(0m, row.TotalInvestment);
        Assert.Equal(0m, row.AnnualPlan);
        Assert.Equal(0m, row.Completed);
        Assert.Null(row.CompletionRate);
        Assert.Equal(ColourCounts.Zero, row.Colours);
        Assert.Equal(0, row.Colours.Total);
    }

    public static TheoryData<string, ProjectLine[], decimal?> RateCases => new()
    {
        { "zero annual plan", [new ProjectLine(800m, 0m, 0m, Colour.Grey)], null },
        { "zero plan but work done", [new ProjectLine(800m, 0m, 50m, Colour.Green)], null },
        { "exactly the plan", [new ProjectLine(800m, 400m, 400m, Colour.Blue)], 1m },
        { "over the plan", [new ProjectLine(800m, 400m, 500m, Colour.Blue)], 1.25m },
        { "negative correction", [new ProjectLine(800m, 400m, -40m, Colour.Red)], -0.1m },
        {
            "weighted by plan, not averaged per project",
            [new ProjectLine(0m, 900m, 900m, Colour.Blue), new ProjectLine(0m, 100m, 0m, Colour.Red)],
            0.9m
        },
    };

    [Theory]
    [MemberData(nameof(RateCases))]
    public void Total_CompletionRate_IsCompletedOverPlan(string scenario, ProjectLine[] lines, decimal? expected)
    {
        var row = Rollup.Total(scenario, lines);

        Assert.Equal(expected, row.CompletionRate);
    }

    [Fact]
    public void By_SingleKey_GroupsInOrderOfFirstAppearance()
    {
        Item[] items = [_school, _bridge, _road, _factory];

        var rows = Rollup.By(items, i => i.Town, i => i.Line);

        Assert.Equal(["新桥镇", "城关镇"], rows.Select(r => r.Key).ToArray());
        Assert.Equal(new RollupRow("新桥镇", 2, 5800m, 1000m, 300m, 0.3m, new ColourCounts(0, 0, 0, 1, 1)), rows[0]);
        Assert.Equal(new RollupRow("城关镇", 2, 13000m, 3000m, 2200m, 2200m / 3000m, new ColourCounts(1, 1, 0, 0, 0)), rows[1]);
    }

    [Fact]
    public void By_SeveralKeysPerItem_CountsTheItemInEachGroup()
    {
        Item[] items = [_bridge, _school, _factory, _road];

        var rows = Rollup.By(items, i => i.Lists, i => i.Line);

        // 大桥 is on 重点项目 and 民生实事; 工厂 on 重点项目 and 招商引资; 道路 on no list.
        Assert.Equal(["重点项目", "民生实事", "招商引资"], rows.Select(r => r.Key).ToArray());
        Assert.Equal(new RollupRow("重点项目", 2, 13000m, 3000m, 2200m, 2200m / 3000m, new ColourCounts(1, 1, 0, 0, 0)), rows[0]);
        Assert.Equal(new RollupRow("民生实事", 2, 15000m, 3000m, 1300m, 1300m / 3000m, new ColourCounts(0, 1, 0, 1, 0)), rows[1]);
        Assert.Equal(new RollupRow("招商引资", 1, 3000m, 1000m, 1200m, 1.2m, new ColourCounts(1, 0, 0, 0, 0)), rows[2]);
        Assert.Equal(5, rows.Sum(r => r.Projects)); // 大桥 and 工厂 twice, 学校 once, 道路 never
    }

    [Fact]
    public void By_OrderOfItems_DecidesOrderOfGroups()
    {
        Item[] items = [_factory, _school, _bridge];

        var rows = Rollup.By(items, i => i.Lists, i => i.Line);

        Assert.Equal(["重点项目", "招商引资", "民生实事"], rows.Select(r => r.Key).ToArray());
    }

    [Fact]
    public void By_KeysDifferingInCase_AreSeparateGroups()
    {
        Item[] items =
        [
            _bridge with { Town = "A" },
            _school with { Town = "a" },
            _factory with { Town = "A" },
        ];

        var rows = Rollup.By(items, i => i.Town, i => i.Line);

        Assert.Equal(["A", "a"], rows.Select(r => r.Key).ToArray());
        Assert.Equal([2, 1], rows.Select(r => r.Projects).ToArray());
    }

    [Fact]
    public void By_Empty_NoRows()
    {
        Assert.Empty(Rollup.By(Array.Empty<Item>(), i => i.Town, i => i.Line));
        Assert.Empty(Rollup.By(Array.Empty<Item>(), i => i.Lists, i => i.Line));
    }
}
