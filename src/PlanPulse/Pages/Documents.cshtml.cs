using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Web;

namespace PlanPulse.Pages;

/// <summary>Downloads of the documents the plan office files: the month's briefing and the annual draft.</summary>
public sealed class DocumentsModel(AppDbContext db) : UiPageModel
{
    /// <summary>Years with full-year indicator figures, newest first: the annual draft can be written for them.</summary>
    public IReadOnlyList<int> AnnualYears { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? year, int? month, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        AnnualYears = (await db.IndicatorObservations.AsNoTracking()
                .Where(o => o.Region == "" && o.Period.Length == 4)
                .Select(o => o.Period).Distinct().ToListAsync(ct))
            .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))
            .OrderDescending().ToList();
        return Page();
    }
}
