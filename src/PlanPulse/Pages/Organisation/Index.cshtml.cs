using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Organisation;
using PlanPulse.Web;

namespace PlanPulse.Pages.Organisation;

/// <summary>Which kind of organisation record a page shows or edits.</summary>
public enum OrgKind
{
    Units,
    People,
    Tracks,
    Lists,
}

/// <summary>
/// The district's organisation, one tab per kind: units (with parent, report contact, the tracks a command
/// dispatches), people, and the year's tracks and lists. Deactivated records are listed on request, never deleted.
/// </summary>
[Authorize(Policy = Auth.OfficePolicy)]
public sealed class IndexModel(AppDbContext db) : UiPageModel
{
    [BindProperty(SupportsGet = true)]
    public OrgKind Tab { get; set; } = OrgKind.Units;

    [BindProperty(SupportsGet = true, Name = "all")]
    public bool ShowDeactivated { get; set; }

    public OrganisationView? View { get; private set; }

    public override IEnumerable<string> PeriodCarry => ["tab", "all"];

    /// <summary>Names and codes are data: joined the Chinese way whatever the page language.</summary>
    public static string Joined(IEnumerable<string> items) => string.Join('、', items);

    public async Task<IActionResult> OnGetAsync(int? year, int? month, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        View = await OrganisationQueries.GetAsync(db, Period.Year, ShowDeactivated, ct);
        return Page();
    }
}
