using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Indicators;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages.Indicators;

/// <summary>The indicator dashboard for a month: a card per indicator, grouped by category, with colour counts and a colour filter.</summary>
public sealed class IndexModel(AppDbContext db, IAuthorizationService authorization) : IndicatorPageModel(db, authorization)
{
    public IndicatorsDto? Data { get; private set; }

    /// <summary>Cards to show (after the colour filter), by category in the dashboard's order.</summary>
    public IReadOnlyList<(string Category, IReadOnlyList<IndicatorRowDto> Rows)> Groups { get; private set; } = [];

    /// <summary>Colour key → number of indicators (before the filter); "none" counts indicators without a target.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public string? Colour { get; private set; }

    /// <summary>Indicator id → this year's figures month by month, for the sparklines.</summary>
    public IReadOnlyDictionary<int, decimal?[]> Sparks { get; private set; } = new Dictionary<int, decimal?[]>();

    public override IEnumerable<string> PeriodCarry => ["colour"];

    public async Task<IActionResult> OnGetAsync(int? year, int? month, string? colour, CancellationToken ct)
    {
        if (!await ResolveIndicatorPeriodAsync(year, month, ct))
        {
            return Page();
        }

        Data = await IndicatorQueries.GetAsync(Db, Period, ct);
        Colour = UiFormat.ParseColour(colour) is { } c ? UiFormat.Key(c) : null;
        Counts = Data.Rows.GroupBy(r => r.Colour ?? "none").ToDictionary(g => g.Key, g => g.Count());
        var shown = Data.Rows.Where(r => Colour is null || r.Colour == Colour);
        Groups = shown.GroupBy(r => r.Category)
            .OrderBy(g => CategoryOrder(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<IndicatorRowDto>)g.ToList()))
            .ToList();

        var observations = await ObservationsAsync(Period.Year, null, ct);
        Sparks = Data.Rows.ToDictionary(
            r => r.Id,
            r => observations.TryGetValue(r.Id, out var list) ? Series(list, Period.Month, growth: (r.Target is null && r.TargetGrowth is not null) || list.All(o => o.Value is null)) : []);
        return Page();
    }

    public int Count(Colour c) => Counts.GetValueOrDefault(UiFormat.Key(c));

    /// <summary>The sparkline's data attribute: the points as JSON numbers (null for a missing month).</summary>
    public string SparkJson(int id) => System.Text.Json.JsonSerializer.Serialize(Sparks.GetValueOrDefault(id) ?? []);
}
