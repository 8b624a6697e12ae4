using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages.Reports;

/// <summary>
/// Projects without a submitted report for the month (not entered, draft or returned), per responsible unit. Any
/// signed-in user may open it: the query layer limits the rows to the projects the user may see.
/// </summary>
public sealed class MissingModel(AppDbContext db) : UiPageModel
{
    /// <summary>Rows shown per unit: a large department can miss hundreds; its entry grid has them all, paged.</summary>
    public const int RowsPerUnit = 100;

    /// <summary>A unit's missing projects: the first <see cref="RowsPerUnit"/> of them and how many there are in all.</summary>
    public sealed record UnitGroup(string Unit, int? UnitId, IReadOnlyList<MissingReportDto> Projects, int Count);

    public IReadOnlyList<UnitGroup> Groups { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>State (未填报/草稿/已退回) → count over all rows.</summary>
    public IReadOnlyDictionary<string, int> ByState { get; private set; } = new Dictionary<string, int>();

    /// <summary>Project id → why its report was returned, for the returned rows.</summary>
    public IReadOnlyDictionary<int, string?> ReturnReasons { get; private set; } = new Dictionary<int, string?>();

    public async Task<IActionResult> OnGetAsync(int? year, int? month, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        var rows = await ReviewMonthlyReport.MissingAsync(db, Period, null, ct);
        Total = rows.Count;
        ByState = rows.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var id = Period.Id;
        ReturnReasons = await db.MonthlyReports.AsNoTracking().Where(r => r.Month == id && r.Status == ReportStatus.Returned)
            .Select(r => new { r.ProjectId, r.ReturnReason }).ToDictionaryAsync(r => r.ProjectId, r => r.ReturnReason, ct);

        // Unit ids for the link to the unit's entry grid; names are unique per unit in practice, and a name that
        // is not gets no link rather than a wrong one.
        var names = rows.Select(r => r.ResponsibleUnit).Distinct().ToList();
        var units = (await db.Units.AsNoTracking().Where(u => names.Contains(u.Name)).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .GroupBy(u => u.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);
        Groups = rows.GroupBy(r => r.ResponsibleUnit)
            .Select(g => new UnitGroup(g.Key, units.TryGetValue(g.Key, out var uid) ? uid : null, g.Take(RowsPerUnit).ToList(), g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Unit, StringComparer.Ordinal)
            .ToList();
        return Page();
    }

    public static string StateClass(string state) => state switch
    {
        "已退回" => "tag tag-bad",
        "草稿" => "tag tag-warn",
        _ => "tag",
    };
}
