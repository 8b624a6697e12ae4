using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Indicators;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Indicators;

public sealed class RecordObservationsTests
{
    /// <summary>10 January 2024, Beijing: every month of 2023 has ended.</summary>
    private static readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 1, 10, 10, 0, 0, ReportingCalendar.ChinaOffset));

    /// <summary>A level target (固定资产投资 350亿元), a growth-only target (社零 +8 %), a share and a growth-rate indicator.</summary>
    private const string Investment = "FAI";
    private const string Retail = "RETAIL";
    private const string Share = "RD";
    private const string Cpi = "CPI";
    private const string Projects = "NEWPROJ";
    private const string Parking = "PARKING";

    private static readonly ObservationInput _valid = new(Investment, "2023-06", "140.37", "-1.6", Final: false, Source: "区统计局", Note: null);

    /// <summary>Every invalid batch with the error key it must name, each run on both databases.</summary>
    public static TheoryData<string, string, string> Rejections
    {
        get
        {
            var cases = new (string Name, string Key)[]
            {
                ("unknown-indicator", "rows[0].indicatorCode"),
                ("no-indicator", "rows[0].indicatorCode"),
                ("growth-where-level-expected", "rows[0].growth"),
                ("value-where-only-growth-taken", "rows[0].value"),
                ("value-for-growth-only-target", "rows[0].value"),
                ("growth-for-share", "rows[0].growth"),
                ("unit-mismatch", "rows[0].unit"),
                ("period-outside-plan", "rows[0].period"),
                ("period-bad-format", "rows[0].period"),
                ("period-future", "rows[0].period"),
                ("duplicate-row", "rows[1].period"),
                ("duplicate-row-other-spelling", "rows[1].period"),
                ("non-numeric-value", "rows[0].value"),
                ("non-numeric-growth", "rows[0].growth"),
                ("neither-value-nor-growth", "rows[0].value"),
                ("count-not-whole", "rows[0].value"),
                ("locked-month", "rows[0].period"),
                ("bad-second-row-refuses-first", "rows[1].growth"),
                ("preliminary-over-final", "rows[0].final"),
            };
            var data = new TheoryData<string, string, string>();
            foreach (var provider in Databases.All)
            {
                foreach (var (name, key) in cases)
                {
                    data.Add(provider, name, key);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task HandleAsync_InvalidBatch_RefusedNamingRowAndFieldAndSavesNothing(string provider, string rejection, string key)
    {
        await using var database = await CreateAsync(provider);
        ObservationInput[] rows = rejection switch
        {
            "unknown-indicator" => [_valid with { IndicatorCode = "NO-SUCH" }],
            "no-indicator" => [_valid with { IndicatorCode = " " }],
            "growth-where-level-expected" => [_valid with { Value = null, Growth = "5.2" }],
            "value-where-only-growth-taken" => [new(Cpi, "202306", "102.1", null)],
            "value-for-growth-only-target" => [new(Retail, "202306", "120.5", null)],
            "growth-for-share" => [new(Share, "2023", "3.1", "3.3")],
            "unit-mismatch" => [_valid with { Value = "1403700", Unit = "万元" }],
            "period-outside-plan" => [_valid with { Period = "2019" }],
            "period-bad-format" => [_valid with { Period = "2023年6月" }],
            "period-future" => [_valid with { Period = "202403" }],
            "duplicate-row" => [_valid, _valid with { Value = "141" }],
            "duplicate-row-other-spelling" => [_valid, _valid with { Period = "202306" }],
            "non-numeric-value" => [_valid with { Value = "约140亿" }],
            "non-numeric-growth" => [_valid with { Growth = "略有下降" }],
            "neither-value-nor-growth" => [_valid with { Value = " ", Growth = null }],
            "count-not-whole" => [new(Projects, "202306", "4.5", null)],
            "locked-month" => [_valid],
            "bad-second-row-refuses-first" => [_valid, new(Retail, "202306", null, "abc%")],
            "preliminary-over-final" => [_valid with { Period = "202305", Final = false }],
            _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, null),
        };
        if (rejection == "locked-month")
        {
            await using var db = database.NewContext();
            await MonthLocks.LockAsync(db, new(2023, 6), "计划科", "6月数据已发布", _clock);
        }

        var before = await SnapshotAsync(database);

        await using (var db = database.NewContext())
        {
            var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordObservations.HandleAsync(db, new RecordObservationsCommand(rows), _clock));
            Assert.True(ex.Errors.ContainsKey(key), $"expected {key}, got {string.Join(", ", ex.Errors.Keys)}");

            // The message names the row (1-based) and the field in Chinese.
            var row = int.Parse(key[5..key.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) + 1;
            var field = RecordObservations.FieldNames[key[(key.IndexOf("].", StringComparison.Ordinal) + 2)..]];
            Assert.All(ex.Errors[key], m => Assert.StartsWith($"第{row}行{field}:", m, StringComparison.Ordinal));
        }

        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_FinalFigureForPreliminaryPeriod_ReplacesItInTheSameRow(string provider)
    {
        await using var database = await CreateAsync(provider);
        int id;
        int version;
        await using (var db = database.NewContext())
        {
            var first = await RecordObservations.HandleAsync(db, new RecordObservationsCommand([_valid]), _clock);
            Assert.True(first.Rows[0].Created);
            Assert.False(first.Rows[0].Final);
            id = first.Rows[0].Id;
            version = first.Rows[0].Version;
        }

        await using (var db = database.NewContext())
        {
            var final = _valid with { Value = "141.02", Growth = "-1.2", Final = true, Source = "区统计局终审", Version = version };
            var result = await RecordObservations.HandleAsync(db, new RecordObservationsCommand([final]), _clock);
            Assert.False(result.Rows[0].Created);
            Assert.Equal(id, result.Rows[0].Id);
            Assert.Equal(version + 1, result.Rows[0].Version);
        }

        await using var check = database.NewContext();
        var rows = await check.IndicatorObservations.Where(o => o.Indicator!.Code == Investment && o.EndMonth == 202306).ToListAsync();
        var only = Assert.Single(rows);
        Assert.Equal("202306", only.Period);
        Assert.Equal(141.02m, only.Value);
        Assert.Equal(-1.2m, only.GrowthPct);
        Assert.True(only.Final);
        Assert.Equal("区统计局终审", only.Source);
        Assert.False(only.IsDemo);

        // The month's evaluation now reads the final figure.
        var evaluated = (await IndicatorQueries.GetAsync(check, new(2023, 6))).Rows.Single(r => r.Code == Investment);
        Assert.Equal(141.02m, evaluated.Actual);
        Assert.True(evaluated.Final);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_StaleVersion_ConcurrencyConflictAndNothingSaved(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await RecordObservations.HandleAsync(db, new RecordObservationsCommand([_valid]), _clock);
            await RecordObservations.HandleAsync(db, new RecordObservationsCommand([_valid with { Value = "140.5", Version = 0 }]), _clock);
        }

        await using (var db = database.NewContext())
        {
            // Read at version 0; someone else has saved since (version 1).
            var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                RecordObservations.HandleAsync(db, new RecordObservationsCommand([new(Retail, "202306", null, "8.1"), _valid with { Value = "999", Version = 0 }]), _clock));
            Assert.Equal(1, ex.CurrentVersion);
        }

        await using var check = database.NewContext();
        Assert.Equal(140.5m, (await check.IndicatorObservations.SingleAsync(o => o.Indicator!.Code == Investment && o.Period == "202306")).Value);
        Assert.False(await check.IndicatorObservations.AnyAsync(o => o.Indicator!.Code == Retail && o.Period == "202306"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_ValidBatchTypedAsPeopleType_SavedWithPeriodsNormalised(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            var result = await RecordObservations.HandleAsync(db, new RecordObservationsCommand(
            [
                new("fai", "2023-07", "１６７.６", "+0.1%", Unit: "亿元"),
                new(Retail, "2023q2", null, "8.8％", Final: true),
                new(Share, "2022", "3", null, Final: true),
                new(Cpi, "202307", null, "0.3"),
            ]), _clock);
            Assert.Equal(["202307", "2023Q2", "2022", "202307"], result.Rows.Select(r => r.Period));
        }

        await using var check = database.NewContext();
        var fai = await check.IndicatorObservations.SingleAsync(o => o.Indicator!.Code == Investment && o.Period == "202307");
        Assert.Equal(167.6m, fai.Value);
        Assert.Equal(0.1m, fai.GrowthPct);
        Assert.Equal(202307, fai.EndMonth);
        Assert.Equal(202306, (await check.IndicatorObservations.SingleAsync(o => o.Indicator!.Code == Retail)).EndMonth);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_SamePeriodForTheDistrictAndATown_TwoRowsNotDuplicates(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            var result = await RecordObservations.HandleAsync(db, new RecordObservationsCommand([_valid, _valid with { Value = "12.4", Region = "fengcheng" }]), _clock);
            Assert.Equal(["", "fengcheng"], result.Rows.Select(r => r.Region));
        }

        await using var check = database.NewContext();
        var rows = await check.IndicatorObservations.Where(o => o.Indicator!.Code == Investment && o.Period == "202306").OrderBy(o => o.Region).ToListAsync();
        Assert.Equal([("", 140.37m), ("fengcheng", 12.4m)], rows.Select(o => (o.Region, o.Value!.Value)));

        // The district's own evaluation reads only its own figure.
        Assert.Equal(140.37m, (await IndicatorQueries.GetAsync(check, new(2023, 6))).Rows.Single(r => r.Code == Investment).Actual);
    }

    /// <summary>Found by accepting the seed's 新增公共停车位1.1万余个 from the review page: the count is of parking spaces, in 万.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_CountInTenThousands_TakesAFraction(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using var db = database.NewContext();
        var saved = await RecordObservations.HandleAsync(db, new RecordObservationsCommand([new(Parking, "2023", "1.1", null, Final: true)]), _clock);
        Assert.Equal(1.1m, Assert.Single(saved.Rows).Value);
    }

    private static async Task<TestDatabase> CreateAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var plan = new DevelopmentPlan { Code = "2023-annual", Name = "2023年计划", Kind = PlanKind.Annual, StartYear = 2023, EndYear = 2023 };
        Indicator New(string code, string name, string unit, IndicatorKind kind, bool cumulative = true) =>
            new() { Code = code, Name = name, Unit = unit, Kind = kind, Direction = Direction.HigherIsBetter, Nature = Nature.Expected, Cumulative = cumulative, Category = "综合经济" };
        var investment = New(Investment, "固定资产投资", "亿元", IndicatorKind.Level);
        var retail = New(Retail, "社会消费品零售总额", "亿元", IndicatorKind.Level);
        var share = New(Share, "R&D投入占GDP比重", "%", IndicatorKind.Share, cumulative: false);
        var cpi = New(Cpi, "居民消费价格涨幅", "%", IndicatorKind.GrowthRate, cumulative: false);
        var projects = New(Projects, "签约十亿级项目", "个", IndicatorKind.Count);
        var parking = New(Parking, "新增公共停车位", "万个", IndicatorKind.Count);
        db.AddRange(plan, investment, retail, share, cpi, projects, parking);
        db.IndicatorTargets.AddRange(
            new IndicatorTarget { Plan = plan, Indicator = investment, Year = 2023, Value = 350m, StretchValue = 400m },
            new IndicatorTarget { Plan = plan, Indicator = retail, Year = 2023, GrowthPct = 8m },
            new IndicatorTarget { Plan = plan, Indicator = share, Year = 2023, Value = 3.1m },
            new IndicatorTarget { Plan = plan, Indicator = projects, Year = 2023, Value = 10m });

        // A final May figure, so a preliminary one cannot overwrite it.
        db.IndicatorObservations.Add(new IndicatorObservation { Indicator = investment, Period = "202305", EndMonth = 202305, Value = 115.78m, GrowthPct = 0.9m, Final = true, Source = "区统计局" });
        await db.SaveChangesAsync();
        return database;
    }

    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var rows = await db.IndicatorObservations.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
        return string.Join(";", rows.Select(o => $"{o.IndicatorId}/{o.Period}/{o.Value}/{o.GrowthPct}/{o.Final}/{o.Version}"));
    }
}
