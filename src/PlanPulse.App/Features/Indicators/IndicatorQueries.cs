using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.RuleSets;
using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Indicators;

/// <summary>An indicator evaluated for a month: <c>GET /api/indicators</c> and <c>planpulse indicators --json</c>.</summary>
public sealed record IndicatorRowDto(
    int Id,
    string Code,
    string Name,
    string Category,
    string Unit,
    string Kind,
    string Direction,
    bool Binding,
    decimal? Target,
    decimal? TargetGrowth,
    string? Qualifier,
    decimal? Stretch,
    decimal? StretchGrowth,
    decimal? Actual,
    decimal? Growth,
    string? Period,
    bool? Final,
    string? Colour,
    string Reason,
    decimal? Projection,
    decimal? MonthlyPaceNeeded,
    bool? StretchMet,
    string? StretchReason,
    string? TargetSource,
    string? ActualSource,
    bool Demo);

public sealed record IndicatorsDto(int Year, int Month, IReadOnlyList<IndicatorRowDto> Rows);

/// <summary>An area's indicators by colour for a month (blue is not used for indicators).</summary>
public sealed record RegionColoursDto(string Region, int Indicators, int Green, int Yellow, int Red, int Grey);

public static class IndicatorQueries
{
    public static string QualifierText(Qualifier q) => q switch
    {
        Qualifier.AtLeast => "以上",
        Qualifier.About => "左右",
        Qualifier.AtMost => "以内",
        Qualifier.Exceed => "突破",
        _ => "",
    };

    /// <summary>
    /// The month to show when the caller names none: the latest month with a figure in the year (December for a
    /// closed year), the year defaulting to the latest annual plan's.
    /// </summary>
    public static async Task<(YearMonth? Month, string? Error)> ResolveAsync(AppDbContext db, int? year, int? month, CancellationToken ct = default)
    {
        if (month is < 1 or > 12)
        {
            return (null, $"月份应在1–12之间,收到{month}");
        }

        var y = year ?? await db.Plans.Where(p => p.Kind == PlanKind.Annual).MaxAsync(p => (int?)p.EndYear, ct)
            ?? await db.IndicatorObservations.MaxAsync(o => (int?)o.EndMonth, ct) / 100;
        if (y is not { } yy)
        {
            return (null, "尚无指标数据;请先载入演示数据(planpulse demo)或导入指标");
        }

        if (yy is < 2000 or > 2100)
        {
            return (null, $"年份超出范围:{yy}");
        }

        if (month is { } m)
        {
            return (new YearMonth(yy, m), null);
        }

        var latest = await db.IndicatorObservations.Where(o => o.EndMonth >= yy * 100 && o.EndMonth <= (yy * 100) + 12).MaxAsync(o => (int?)o.EndMonth, ct);
        return (latest is { } l ? YearMonth.FromId(l) : new YearMonth(yy, 12), null);
    }

    /// <summary>
    /// Every indicator with a target or an observation in the year, evaluated as of the month against the year's
    /// annual-plan target, for the plan's own area. An indicator without a target shows its actual with no colour.
    /// </summary>
    public static Task<IndicatorsDto> GetAsync(AppDbContext db, YearMonth month, CancellationToken ct = default) =>
        GetAsync(db, month, "", ct);

    /// <summary>The same for one sub-area (<see cref="IndicatorObservation.Region"/>; "" is the plan's own area).</summary>
    public static async Task<IndicatorsDto> GetAsync(AppDbContext db, YearMonth month, string region, CancellationToken ct = default)
    {
        var year = month.Year;
        var rules = (await RuleSets.RuleSets.LoadAsync(db, year, ct)).Indicators;
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        var targets = await db.IndicatorTargets.AsNoTracking()
            .Where(t => t.Year == year && t.Region == region && t.Plan!.Kind == PlanKind.Annual)
            .ToDictionaryAsync(t => t.IndicatorId, ct);
        var from = ((year - 1) * 100) + 1;
        var observations = (await db.IndicatorObservations.AsNoTracking()
            .Where(o => o.Region == region && o.EndMonth >= from && o.EndMonth <= month.Id)
            .ToListAsync(ct)).ToLookup(o => o.IndicatorId);

        var rows = new List<IndicatorRowDto>();
        foreach (var i in indicators)
        {
            targets.TryGetValue(i.Id, out var t);
            if (Evaluate(i, t, observations[i.Id], month, rules) is { } e)
            {
                rows.Add(Row(i, t, e.Latest, e.LatestRow, e.Verdict, e.Verdict?.Reason ?? $"{year}年无计划目标,仅列实际值"));
            }
        }

        return new IndicatorsDto(year, month.Month, rows);
    }

    /// <summary>
    /// Colour counts of every sub-area for a month (a city's districts, a district's towns): the league table of
    /// areas. One read of the year's targets and figures of all areas, evaluated in memory.
    /// </summary>
    public static async Task<IReadOnlyList<RegionColoursDto>> RegionSummaryAsync(AppDbContext db, YearMonth month, CancellationToken ct = default)
    {
        var year = month.Year;
        var rules = (await RuleSets.RuleSets.LoadAsync(db, year, ct)).Indicators;
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, ct);
        var targets = await db.IndicatorTargets.AsNoTracking()
            .Where(t => t.Year == year && t.Region != "" && t.Plan!.Kind == PlanKind.Annual)
            .ToListAsync(ct);
        var from = ((year - 1) * 100) + 1;
        var observations = (await db.IndicatorObservations.AsNoTracking()
            .Where(o => o.Region != "" && o.EndMonth >= from && o.EndMonth <= month.Id)
            .ToListAsync(ct)).ToLookup(o => (o.Region, o.IndicatorId));

        var result = new List<RegionColoursDto>();
        foreach (var region in targets.GroupBy(t => t.Region).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var counts = new int[6];
            foreach (var t in region)
            {
                if (Evaluate(indicators[t.IndicatorId], t, observations[(region.Key, t.IndicatorId)], month, rules)?.Verdict is { } v)
                {
                    counts[(int)v.Colour]++;
                }
            }

            result.Add(new RegionColoursDto(region.Key, region.Count(), counts[(int)Colour.Green], counts[(int)Colour.Yellow], counts[(int)Colour.Red], counts[(int)Colour.Grey]));
        }

        return result;
    }

    private sealed record Evaluated(Observation? Latest, IndicatorObservation? LatestRow, IndicatorVerdict? Verdict);

    /// <summary>One indicator as of a month; null when it has neither a target nor a figure in the year.</summary>
    private static Evaluated? Evaluate(Indicator i, IndicatorTarget? t, IEnumerable<IndicatorObservation> observations, YearMonth month, IndicatorRules rules)
    {
        var mine = observations as IReadOnlyList<IndicatorObservation> ?? observations.ToList();
        var thisYear = mine.Where(o => o.EndMonth / 100 == month.Year).ToList();
        if (t is null && thisYear.Count == 0)
        {
            return null;
        }

        var domainObs = thisYear.Select(o => new Observation(YearMonth.FromId(o.EndMonth), o.Value, o.GrowthPct, o.Final)).ToList();
        var latest = IndicatorEvaluation.Latest(domainObs, month);
        var latestRow = latest is null ? null : thisYear.Where(o => o.EndMonth == latest.Month.Id).OrderByDescending(o => o.Final).ThenByDescending(o => o.Period.Length).First();
        if (t is null)
        {
            return new Evaluated(latest, latestRow, null);
        }

        var definition = new IndicatorDefinition { Code = i.Code, Name = i.Name, Unit = i.Unit, Kind = i.Kind, Direction = i.Direction, Nature = i.Nature, Cumulative = i.Cumulative };
        var target = new Target { Value = t.Value, GrowthPct = t.GrowthPct, Upper = t.Upper, Qualifier = t.Qualifier, StretchValue = t.StretchValue, StretchGrowthPct = t.StretchGrowthPct, Baseline = t.Baseline };
        return new Evaluated(latest, latestRow, IndicatorEvaluation.Evaluate(definition, target, domainObs, month, rules, SeasonalShare(mine, month)));
    }

    /// <summary>
    /// The indicator's own seasonal profile: last year's cumulative value at this month ÷ last year's total.
    /// Null when last year lacks either figure (then time progress is used).
    /// </summary>
    public static decimal? SeasonalShare(IEnumerable<IndicatorObservation> observations, YearMonth month)
    {
        var lastYear = month.Year - 1;
        var atMonth = observations.FirstOrDefault(o => o.EndMonth == (lastYear * 100) + month.Month && o.Period.Length == 6)?.Value;
        var total = observations.Where(o => o.EndMonth == (lastYear * 100) + 12).Select(o => o.Value).FirstOrDefault(v => v is not null);
        return atMonth is { } a && total is { } tot && tot > 0 ? Math.Clamp(a / tot, 0m, 1m) : null;
    }

    private static IndicatorRowDto Row(Indicator i, IndicatorTarget? t, Observation? latest, IndicatorObservation? row, IndicatorVerdict? v, string reason) => new(
        i.Id,
        i.Code,
        i.Name,
        i.Category,
        i.Unit,
        i.Kind.ToString(),
        i.Direction.ToString(),
        i.Nature == Nature.Binding,
        t?.Value,
        t?.GrowthPct,
        t is null ? null : QualifierText(t.Qualifier),
        t?.StretchValue,
        t?.StretchGrowthPct,
        latest?.Value,
        latest?.GrowthPct,
        row?.Period,
        latest?.Final,
        v?.Colour.ToString().ToLowerInvariant(),
        reason,
        v?.Projection,
        v?.MonthlyPaceNeeded,
        v?.StretchMet,
        v?.StretchReason,
        t?.SourceQuote,
        row?.SourceQuote,
        row?.IsDemo ?? false);
}

public sealed record FiveYearRowDto(
    int Id,
    string Code,
    string Name,
    string Unit,
    string Direction,
    bool Binding,
    int BaselineYear,
    decimal Baseline,
    int TargetYear,
    decimal Target,
    IReadOnlyDictionary<int, decimal> Actuals,
    int? LatestYear,
    decimal? Latest,
    decimal? ExpectedNow,
    decimal? AchievedAnnualGrowthPct,
    decimal? RequiredAnnualGrowthPct,
    string Verdict,
    string Explanation,
    bool Demo);

public sealed record FiveYearDto(string PlanCode, string PlanName, int StartYear, int EndYear, bool Demo, IReadOnlyList<FiveYearRowDto> Rows);

/// <summary>The five-year plan's mid-term view (十四五中期评估): where each indicator stands against its compound path.</summary>
public static class FiveYearQueries
{
    public static async Task<FiveYearDto?> GetAsync(AppDbContext db, string? planCode = null, CancellationToken ct = default)
    {
        var plans = db.Plans.AsNoTracking().Where(p => p.Kind == PlanKind.FiveYear);
        var plan = string.IsNullOrWhiteSpace(planCode)
            ? await plans.OrderByDescending(p => p.EndYear).FirstOrDefaultAsync(ct)
            : await plans.FirstOrDefaultAsync(p => p.Code == planCode, ct);
        if (plan is null)
        {
            return null;
        }

        var targets = await db.IndicatorTargets.AsNoTracking().Include(t => t.Indicator).Where(t => t.PlanId == plan.Id)
            .OrderBy(t => t.Indicator!.SortOrder).ToListAsync(ct);
        var ids = targets.Select(t => t.IndicatorId).ToList();
        var yearly = (await db.IndicatorObservations.AsNoTracking().Where(o => ids.Contains(o.IndicatorId) && o.Period.Length == 4).ToListAsync(ct))
            .ToLookup(o => o.IndicatorId);

        var rows = new List<FiveYearRowDto>();
        foreach (var t in targets)
        {
            var i = t.Indicator!;
            var baselineYear = t.BaselineYear ?? plan.StartYear - 1;
            var baseline = t.Baseline ?? yearly[i.Id].FirstOrDefault(o => o.EndMonth / 100 == baselineYear)?.Value;
            if (baseline is not { } b || t.Value is not { } target || b <= 0 || target <= 0)
            {
                continue; // a five-year target without a baseline cannot be put on a path; the catalogue page lists it
            }

            var actuals = yearly[i.Id]
                .Where(o => o.Value is not null && o.EndMonth / 100 > baselineYear && o.EndMonth / 100 <= t.Year)
                .GroupBy(o => o.EndMonth / 100)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.Final).First().Value!.Value);
            var r = FiveYear.Evaluate(b, baselineYear, target, t.Year, actuals, i.Direction);
            rows.Add(new FiveYearRowDto(
                i.Id, i.Code, i.Name, i.Unit, i.Direction.ToString(), i.Nature == Nature.Binding, baselineYear, b, t.Year, target,
                new SortedDictionary<int, decimal>(actuals), actuals.Count == 0 ? null : actuals.Keys.Max(), r.Latest, r.ExpectedNow,
                r.AchievedAnnualGrowthPct, r.RequiredAnnualGrowthPct, FiveYear.Name(r.Verdict), r.Explanation, plan.IsDemo));
        }

        return new FiveYearDto(plan.Code, plan.Name, plan.StartYear, plan.EndYear, plan.IsDemo, rows);
    }
}
