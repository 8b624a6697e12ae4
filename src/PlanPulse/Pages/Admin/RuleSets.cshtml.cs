using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Features.RuleSets;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;
using RuleSetFeature = PlanPulse.App.Features.RuleSets.RuleSets;

namespace PlanPulse.Pages.Admin;

/// <summary>
/// The year's rule set for the plan office: thresholds, weights, list sizes, exemptions. "Preview" evaluates the shown
/// month under the draft without saving and lists the projects that would change colour; "Save" stores it unless
/// someone saved since the page was drawn (409, the draft kept on screen). The work is in <see cref="RuleSetFeature"/>
/// and <see cref="RuleSetPreview"/>.
/// </summary>
[Authorize(Policy = Auth.OfficePolicy)]
public sealed class RuleSetsModel(AppDbContext db) : UiPageModel
{
    public RuleSetForm Form { get; private set; } = new();

    /// <summary>The version saved now (the form's may be older after a refused save).</summary>
    public int SavedVersion { get; private set; }

    public IReadOnlyList<ScopeOption> Units { get; private set; } = [];

    /// <summary>Form key → Chinese messages.</summary>
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public string? Conflict { get; private set; }

    public bool Saved { get; private set; }

    public RuleSetPreviewResult? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? year, int? month, string? saved, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        await LoadAsync(ct);
        Form = RuleSetForm.From(await RuleSetFeature.LoadAsync(db, Period.Year, ct), SavedVersion);
        Saved = saved == "1";
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int? year, int? month, int? previewPage, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        await LoadAsync(ct);
        if (await DraftAsync(ct) is not { } draft)
        {
            return Invalid();
        }

        try
        {
            Preview = await RuleSetPreview.PreviewAsync(db, draft, Period, page: previewPage ?? 1, ct: ct);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                Errors[RuleSetForm.FormKey(field)] = [.. messages];
            }

            return Invalid();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? year, int? month, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        await LoadAsync(ct);
        if (await DraftAsync(ct) is not { } draft)
        {
            return Invalid();
        }

        if (Form.Version is not { } version)
        {
            // Without the version read there is no telling whether this save would overwrite someone else's.
            Add("version", "缺少规则集版本,请刷新页面后再保存");
            return Invalid();
        }

        try
        {
            var errors = await RuleSetFeature.TrySaveAsync(db, draft, version, ct);
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                {
                    Add(e.Field, e.Message);
                }

                return Invalid();
            }
        }
        catch (ConcurrencyConflictException ex)
        {
            db.ChangeTracker.Clear();
            SavedVersion = ex.CurrentVersion;
            Conflict = ex.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectToPage(new { year = Period.Year, month = Period.Month, saved = "1" });
    }

    public string? Error(string key) => Errors.TryGetValue(key, out var m) ? string.Join(";", m) : null;

    /// <summary>The draft from the posted form, or null with <see cref="Errors"/> filled.</summary>
    private async Task<RuleSet?> DraftAsync(CancellationToken ct)
    {
        Form = RuleSetForm.Read(Request.Form);
        var saved = await RuleSetFeature.LoadAsync(db, Period.Year, ct);
        var draft = Form.ToRuleSet(saved, out var parseErrors);
        foreach (var e in parseErrors)
        {
            Add(e.Field, e.Message);
        }

        if (draft is null)
        {
            return null;
        }

        foreach (var e in await RuleSetFeature.CheckAsync(db, draft, ct))
        {
            Add(e.Field, e.Message);
        }

        return Errors.Count == 0 ? draft : null;
    }

    private void Add(string field, string message)
    {
        var key = RuleSetForm.FormKey(field);
        if (!Errors.TryGetValue(key, out var list))
        {
            Errors[key] = list = [];
        }

        list.Add(message);
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        SavedVersion = await RuleSetFeature.VersionAsync(db, Period.Year, ct);
        Units = (await App.Features.Accounts.Accounts.ScopeOptionsAsync(db, ct)).Units;
    }
}
