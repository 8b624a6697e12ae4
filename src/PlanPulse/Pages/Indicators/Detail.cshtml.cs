using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Indicators;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages.Indicators;

/// <summary>
/// One indicator as of a month: colour and reason, the target with its source sentence, this year's trend against the
/// target path, every observation, and (for the plan office) a form to add or correct one figure.
/// </summary>
public sealed class DetailModel(AppDbContext db, IAuthorizationService authorization, TimeProvider clock) : IndicatorPageModel(db, authorization)
{
    public Indicator? Indicator { get; private set; }

    public IndicatorRowDto? Row { get; private set; }

    public IndicatorTarget? Target { get; private set; }

    public IReadOnlyList<IndicatorObservation> History { get; private set; } = [];

    /// <summary>Whether the chart compares growth rates (a growth target, or no levels recorded) rather than cumulative values.</summary>
    public bool GrowthChart { get; private set; }

    public object? Chart { get; private set; }

    [BindProperty]
    public FigureInput Input { get; set; } = new();

    /// <summary>Field ("period", "value", …, or "" for the whole figure) → Chinese messages from the last save.</summary>
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public bool Saved { get; private set; }

    /// <summary>The form as posted: text, so whatever was typed comes back on an error.</summary>
    public sealed class FigureInput
    {
        public string? Period { get; set; }

        public string? Value { get; set; }

        public string? Growth { get; set; }

        public bool Final { get; set; }

        public string? Source { get; set; }

        public string? Note { get; set; }

        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, int? year, int? month, string? edit, bool? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, year, month, ct))
        {
            return Page();
        }

        Saved = saved == true;
        var editing = edit is null ? null : History.FirstOrDefault(o => o.Period == edit);
        Input = editing is null
            ? new FigureInput { Period = Period.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : new FigureInput
            {
                Period = editing.Period,
                Value = editing.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Growth = editing.GrowthPct?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Final = editing.Final,
                Source = editing.IsDemo ? null : editing.Source,
                Note = editing.Note,
                Version = editing.Version,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? year, int? month, CancellationToken ct)
    {
        if (!await LoadAsync(id, year, month, ct) || Indicator is null)
        {
            return Page();
        }

        if (!CanRecord)
        {
            return Forbid();
        }

        var row = new ObservationInput(Indicator.Code, Input.Period, Input.Value, Input.Growth, Input.Final, Input.Source, Input.Note, Input.Version);
        try
        {
            await RecordObservations.HandleAsync(Db, new RecordObservationsCommand([row]), clock, ct);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (key, messages) in ex.Errors)
            {
                var field = key.StartsWith("rows[0].", StringComparison.Ordinal) ? key["rows[0].".Length..] : "";
                if (!Errors.TryGetValue(field, out var list))
                {
                    Errors[field] = list = [];
                }

                list.AddRange(messages.Select(WithoutRowNumber));
            }

            return Page();
        }
        catch (ConcurrencyConflictException ex)
        {
            Errors[""] = [ex.Message];
            return Page();
        }

        return RedirectToPage(new { id, year = Period.Year, month = Period.Month, saved = true });
    }

    public IReadOnlyList<string>? ErrorsFor(string field) => Errors.TryGetValue(field, out var list) ? list : null;

    private async Task<bool> LoadAsync(int id, int? year, int? month, CancellationToken ct)
    {
        if (!await ResolveIndicatorPeriodAsync(year, month, ct))
        {
            return false;
        }

        Indicator = await Db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (Indicator is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        Row = (await IndicatorQueries.GetAsync(Db, Period, ct)).Rows.FirstOrDefault(r => r.Id == id);
        Target = await Db.IndicatorTargets.AsNoTracking().Include(t => t.Plan)
            .FirstOrDefaultAsync(t => t.IndicatorId == id && t.Region == "" && t.Year == Period.Year && t.Plan!.Kind == PlanKind.Annual, ct);
        History = await Db.IndicatorObservations.AsNoTracking().Where(o => o.IndicatorId == id && o.Region == "")
            .OrderByDescending(o => o.EndMonth).ThenBy(o => o.Period.Length).ToListAsync(ct);
        Chart = BuildChart();
        return true;
    }

    /// <summary>
    /// This year's cumulative figures against the target path (target × time progress, or the indicator's seasonal
    /// share from last year when last year has monthly figures), last year's line when there is one; for a growth
    /// target, growth against the flat target rate.
    /// </summary>
    private object BuildChart()
    {
        var i = Indicator!;
        var year = Period.Year;
        var thisYear = History.Where(o => o.EndMonth / 100 == year).OrderBy(o => o.EndMonth).ThenByDescending(o => o.Final).ThenByDescending(o => o.Period.Length).ToList();
        var lastYear = History.Where(o => o.EndMonth / 100 == year - 1 && o.Period.Length != 4).OrderBy(o => o.EndMonth).ThenByDescending(o => o.Final).ToList();
        GrowthChart = (Target is { Value: null, GrowthPct: not null }) || (thisYear.Count > 0 && thisYear.All(o => o.Value is null));

        var actual = Series(thisYear, Period.Month, GrowthChart);
        var previous = lastYear.Count > 0 ? Series(lastYear, 12, GrowthChart) : null;
        decimal?[]? path = null;
        decimal?[]? stretch = null;
        var pathName = T("目标");
        if (GrowthChart && Target?.GrowthPct is { } g)
        {
            path = Enumerable.Repeat((decimal?)g, 12).ToArray();
            stretch = Target.StretchGrowthPct is { } sg ? Enumerable.Repeat((decimal?)sg, 12).ToArray() : null;
        }
        else if (!GrowthChart && Target?.Value is { } v)
        {
            var all = History.ToList();
            var shares = Enumerable.Range(1, 12).Select(m => i.Cumulative
                ? IndicatorQueries.SeasonalShare(all, new YearMonth(year, m)) ?? TimeProgress.Default(new YearMonth(year, m))
                : 1m).ToArray();
            path = shares.Select(s => (decimal?)Math.Round(v * s, 2)).ToArray();
            stretch = Target.StretchValue is { } sv ? shares.Select(s => (decimal?)Math.Round(sv * s, 2)).ToArray() : null;
            var seasonal = i.Cumulative && IndicatorQueries.SeasonalShare(all, new YearMonth(year, 6)) is not null;
            pathName = i.Cumulative ? T(seasonal ? "目标×往年同期占比" : "目标×序时进度") : T("目标");
        }

        return new
        {
            months = Enumerable.Range(1, 12).Select(m => UiText.IsEnglish ? UiFormat.Month(year, m) : $"{m}月").ToArray(),
            unit = GrowthChart ? "%" : i.Unit,
            actual,
            actualName = GrowthChart ? T("累计增速") : T("累计值"),
            path,
            pathName,
            stretch,
            stretchName = T("力争目标"),
            previous,
            previousName = string.Format(System.Globalization.CultureInfo.InvariantCulture, T("{0}年"), year - 1),
            colour = Row?.Colour ?? "grey",
        };
    }

    private static string T(string zh) => UiText.T(zh);
}
