using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Features.Setup;
using PlanPulse.App.Features.Years;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages;

/// <summary>
/// First start without the demo: the plan office's checklist for a year — district and year, organisation, projects,
/// annual plans, indicator plan, accounts, and (optionally) the months already reported. Each step links to where it
/// is done; any step can be skipped and come back to, and the list says what is still missing.
/// </summary>
[Authorize(Policy = Auth.OfficePolicy)]
public sealed class SetupModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    public SetupView? View { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public string? Organisation { get; set; }

    [BindProperty]
    public int? PlanYear { get; set; }

    public override bool ShowPeriodPicker => false;

    /// <summary>What opening the next year would do (preview) or did.</summary>
    public RolloverResult? Rollover { get; private set; }

    [BindProperty]
    public int? RolloverYear { get; set; }

    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken ct)
    {
        await LoadAsync(year, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDistrictAsync(CancellationToken ct)
    {
        var year = PlanYear ?? ReportingCalendar.CurrentMonth(clock.GetUtcNow()).Year;
        try
        {
            await SetupStatus.SetOrganisationAsync(db, Organisation, ct);
            await SetupStatus.OpenYearAsync(db, year, ct);
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
            await LoadAsync(year, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return Redirect($"/setup?year={year}");
    }

    public Task<IActionResult> OnPostRolloverPreviewAsync(CancellationToken ct) => RolloverAsync(preview: true, ct);

    public Task<IActionResult> OnPostRolloverAsync(CancellationToken ct) => RolloverAsync(preview: false, ct);

    private async Task<IActionResult> RolloverAsync(bool preview, CancellationToken ct)
    {
        var year = RolloverYear ?? 0;
        try
        {
            Rollover = await YearRollover.OpenAsync(db, year, preview, ct);
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors.ToDictionary(e => "rollover", e => e.Value);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync(Rollover is { Saved: true } ? year : year - 1 is > 2000 and var y ? y : null, ct);
        return Page();
    }

    private async Task LoadAsync(int? year, CancellationToken ct)
    {
        // An empty database has no months yet: the year asked for, else the latest with lists, else this Beijing year.
        var y = year ?? await Api.ExcelApi.YearAsync(db, null, clock, ct);
        View = await SetupStatus.GetAsync(db, y, ct);
        Organisation ??= View.Organisation;
        PlanYear ??= y;
    }
}
