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
    /// Every indicator with a target or an observation in the year, evaluated as of the month against the year's
    /// annual-plan target. An indicator without a target shows its actual with no colour.
    /// </summary>
    public static async Task<IndicatorsDto> GetAsync(AppDbContext db, YearMonth month, CancellationToken ct = default)
    {
        var year = month.Year;
        var rules = (await RuleSets.RuleSets.LoadAsync(db, year, ct)).Indicators;
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);
        var targets = await db.IndicatorTargets.AsNoTracking()
            .Where(t => t.Year == year && t.Plan!.Kind == PlanKind.Annual)
            .ToDictionaryAsync(t => t.IndicatorId, ct);
        var from = ((year - 1) * 100) + 1;
        var observations = (await db.IndicatorObservations.AsNoTracking()
            .Where(o => o.EndMonth >= from && o.EndMonth <= month.Id)
            .ToListAsync(ct)).ToLookup(o => o.IndicatorId);

        var rows = new List<IndicatorRowDto>();
        foreach (var i in indicators)
        {
            var mine = observations[i.Id].ToList();
            var thisYear = mine.Where(o => o.EndMonth / 100 == year).ToList();
            targets.TryGetValue(i.Id, out var t);
            if (t is null && thisYear.Count == 0)
            {
                continue;
            }

            var definition = new IndicatorDefinition { Code = i.Code, Name = i.Name, Unit = i.Unit, Kind = i.Kind, Direction = i.Direction, Nature = i.Nature, Cumulative = i.Cumulative };
            var domainObs = thisYear.Select(o => new Observation(YearMonth.FromId(o.EndMonth), o.Value, o.GrowthPct, o.Final)).ToList();
            var latest = IndicatorEvaluation.Latest(domainObs, month);
            var latestRow = latest is null ? null : thisYear.Where(o => o.EndMonth == latest.Month.Id).OrderByDescending(o => o.Final).ThenByDescending(o => o.Period.Length).First();

            if (t is null)
            {
                rows.Add(Row(i, null, latest, latestRow, null, $"{year}年无计划目标,仅列实际值"));
                continue;
            }

            var target = new Target { Value = t.Value, GrowthPct = t.GrowthPct, Upper = t.Upper, Qualifier = t.Qualifier, StretchValue = t.StretchValue, StretchGrowthPct = t.StretchGrowthPct, Baseline = t.Baseline };
            var verdict = IndicatorEvaluation.Evaluate(definition, target, domainObs, month, rules, SeasonalShare(mine, month));
            rows.Add(Row(i, t, latest, latestRow, verdict, verdict.Reason));
        }

        return new IndicatorsDto(year, month.Month, rows);
    }

    /// <summary>
    /// The indicator's own seasonal profile: last year's cumulative value at this month ÷ last year's total.
    /// Null when last year lacks either figure (then time progress is used).
    /// </summary>
    public static decimal? SeasonalShare(IReadOnlyList<IndicatorObservation> observations, YearMonth month)
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
