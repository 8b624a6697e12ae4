using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;
using PlanPulse.App.Features.Indicators;
using PlanPulse.App.Features.Reports;
using PlanPulse.Web;
using PlanPulse.Domain.Amounts;

namespace PlanPulse.Pages.Indicators;

/// <summary>
/// The month's indicator grid: one row per indicator with a target this year, its cumulative value and growth.
/// Saving sends every changed row to <see cref="RecordObservations"/> as one batch: all rows are saved or none,
/// and each error is shown on its row.
/// </summary>
[Authorize(Policy = Auth.OfficePolicy)]
public sealed class EntryModel(AppDbContext db, IAuthorizationService authorization, TimeProvider clock) : IndicatorPageModel(db, authorization)
{
    [BindProperty]
    public List<GridRow> Rows { get; set; } = [];

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    /// <summary>Indicator id → field → Chinese messages.</summary>
    public Dictionary<int, Dictionary<string, List<string>>> Errors { get; } = [];

    public string? Notice { get; private set; }

    public string? ConflictMessage { get; private set; }

    public int? Saved { get; private set; }

    public string? ReadOnlyReason { get; private set; }

    /// <summary>A row as posted; numbers stay text so what was typed comes back on an error.</summary>
    public sealed class GridRow
    {
        public int IndicatorId { get; set; }

        public int? Version { get; set; }

        public string? Value { get; set; }

        public string? Growth { get; set; }

        public bool Final { get; set; }

        public string? Source { get; set; }

        public string? Note { get; set; }
    }

    /// <summary>What the grid shows of an indicator besides the inputs, read from the database.</summary>
    public sealed record Line(Indicator Indicator, IndicatorTarget Target, string? Period, IndicatorObservation? Stored, bool Quarterly);

    public async Task<IActionResult> OnGetAsync(int? year, int? month, int? saved, CancellationToken ct)
    {
        if (!await LoadAsync(year, month, ct))
        {
            return Page();
        }

        Saved = saved;
        Rows = Lines.Select(FromStored).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? year, int? month, CancellationToken ct)
    {
        if (!await LoadAsync(year, month, ct))
        {
            return Page();
        }

        if (ReadOnlyReason is not null)
        {
            Notice = ReadOnlyReason;
            return Page();
        }

        var posted = Rows.Where(r => r is not null).GroupBy(r => r.IndicatorId).ToDictionary(g => g.Key, g => g.First());
        Rows = Lines.Select(l => posted.TryGetValue(l.Indicator.Id, out var r) ? r : FromStored(l)).ToList();
        var changed = Lines.Where(l => l.Period is not null && posted.TryGetValue(l.Indicator.Id, out var r) && Changed(l, r)).ToList();
        if (changed.Count == 0)
        {
            Notice = "没有修改,无需保存。";
            return Page();
        }

        var inputs = changed.Select(l =>
        {
            var r = posted[l.Indicator.Id];
            return new ObservationInput(l.Indicator.Code, l.Period, r.Value, r.Growth, r.Final, r.Source, r.Note, r.Version);
        }).ToList();
        try
        {
            await RecordObservations.HandleAsync(Db, new RecordObservationsCommand(inputs), clock, ct);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (key, messages) in ex.Errors)
            {
                var (row, field) = SplitKey(key);
                var id = row is { } n && n < changed.Count ? changed[n].Indicator.Id : 0;
                AddError(id, field, messages);
            }

            return Page();
        }
        catch (ConcurrencyConflictException ex)
        {
            ConflictMessage = ex.Message;
            return Page();
        }

        return RedirectToPage(new { year = Period.Year, month = Period.Month, saved = changed.Count });
    }

    public IReadOnlyList<string>? ErrorsFor(int indicatorId, string field) =>
        Errors.TryGetValue(indicatorId, out var byField) && byField.TryGetValue(field, out var list) ? list : null;

    /// <summary>Messages of a row that belong to no input shown (indicator, period, unit, version).</summary>
    public IEnumerable<string> RowErrors(int indicatorId) =>
        Errors.TryGetValue(indicatorId, out var byField)
            ? byField.Where(e => e.Key is not ("value" or "growth" or "source" or "note")).SelectMany(e => e.Value)
            : [];

    /// <summary>"rows[3].growth" → (3, "growth"); anything else → (null, key).</summary>
    public static (int? Row, string Field) SplitKey(string key)
    {
        if (key.StartsWith("rows[", StringComparison.Ordinal) && key.IndexOf("].", StringComparison.Ordinal) is var end and > 5
            && int.TryParse(key.AsSpan(5, end - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var row))
        {
            return (row, key[(end + 2)..]);
        }

        return (null, key);
    }

    private void AddError(int indicatorId, string field, IEnumerable<string> messages)
    {
        if (!Errors.TryGetValue(indicatorId, out var byField))
        {
            Errors[indicatorId] = byField = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        }

        if (!byField.TryGetValue(field, out var list))
        {
            byField[field] = list = [];
        }

        // The batch's row number means nothing on the grid, where the message sits on its own row.
        list.AddRange(messages.Select(IndicatorPageModel.WithoutRowNumber));
    }

    private static GridRow FromStored(Line l) => new()
    {
        IndicatorId = l.Indicator.Id,
        Version = l.Stored?.Version,
        Value = l.Stored?.Value?.ToString(CultureInfo.InvariantCulture),
        Growth = l.Stored?.GrowthPct?.ToString(CultureInfo.InvariantCulture),
        Final = l.Stored?.Final ?? false,
        // A demo figure's source ("演示数据…") must not be carried over to a figure a person types in.
        Source = l.Stored is { IsDemo: false } stored ? stored.Source : null,
        Note = l.Stored?.Note,
    };

    /// <summary>Whether the posted row differs from what is stored, so untouched rows are not re-saved.</summary>
    private static bool Changed(Line l, GridRow r)
    {
        static string Norm(string? s) => s?.Trim() ?? string.Empty;
        static bool Same(string? typed, decimal? stored) =>
            string.IsNullOrWhiteSpace(typed) ? stored is null : AmountText.ParseNumber(typed) is { Ok: true } v && v.Value == stored;

        if (l.Stored is not { } s)
        {
            return Norm(r.Value).Length > 0 || Norm(r.Growth).Length > 0;
        }

        return !Same(r.Value, s.Value) || !Same(r.Growth, s.GrowthPct) || r.Final != s.Final
            || Norm(r.Source) != Norm(s.IsDemo ? null : s.Source) || Norm(r.Note) != Norm(s.Note);
    }

    private async Task<bool> LoadAsync(int? year, int? month, CancellationToken ct)
    {
        if (!await ResolveIndicatorPeriodAsync(year, month, ct))
        {
            return false;
        }

        var y = Period.Year;
        if (await MonthLocks.IsLockedAsync(Db, Period, ct))
        {
            ReadOnlyReason = $"{Period.ToChinese()}已锁定,需由计划科重新开放后才能修改。";
        }

        // The project list's make-up (220 projects…) is a target but not a figure that accrues month by month.
        var targets = await Db.IndicatorTargets.AsNoTracking().Include(t => t.Indicator)
            .Where(t => t.Year == y && t.Region == "" && t.Plan!.Kind == PlanKind.Annual && t.Indicator!.Category != SeedIndicators.PlanComposition)
            .ToListAsync(ct);
        var ids = targets.Select(t => t.IndicatorId).ToList();
        var observations = (await Db.IndicatorObservations.AsNoTracking()
            .Where(o => ids.Contains(o.IndicatorId) && o.Region == "" && o.EndMonth > y * 100 && o.EndMonth <= (y * 100) + 12 && o.Period.Length > 4)
            .ToListAsync(ct)).ToLookup(o => o.IndicatorId);

        Lines = targets
            .OrderBy(t => CategoryOrder(t.Indicator!.Category)).ThenBy(t => t.Indicator!.SortOrder)
            .Select(t =>
            {
                var mine = observations[t.IndicatorId].ToList();

                // Value added is published by quarter (2023Q2); its rows open only in a quarter's last month.
                var quarterly = mine.Count > 0 && mine.All(o => o.Period.Length == 6 && o.Period[4] == 'Q');
                var period = quarterly
                    ? (Period.Month % 3 == 0 ? $"{y}Q{Period.Month / 3}" : null)
                    : Period.Id.ToString(CultureInfo.InvariantCulture);
                var stored = period is null ? null : mine.FirstOrDefault(o => o.Period == period);
                return new Line(t.Indicator!, t, period, stored, quarterly);
            })
            .ToList();
        return true;
    }
}
