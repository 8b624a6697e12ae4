using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Paging;

namespace PlanPulse.App.Features.Audit;

public sealed record AuditDto(long Id, DateTime At, string User, string? Client, string Action, string Entity, string Key, string Changes);

public sealed record AuditPageDto(int Total, int Page, int PageSize, IReadOnlyList<AuditDto> Items);

/// <summary>Reads the append-only audit trail: an object's history, or a search for administrators.</summary>
public static class AuditQueries
{
    public static async Task<IReadOnlyList<AuditDto>> HistoryAsync(AppDbContext db, string entity, string key, CancellationToken ct = default) =>
        await db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity && a.Key == key)
            .OrderByDescending(a => a.Id)
            .Select(a => new AuditDto(a.Id, a.At, a.User, a.Client, a.Action, a.Entity, a.Key, a.Changes))
            .ToListAsync(ct);

    /// <summary>
    /// A project's history: the project row and the rows hanging off it (annual plans, monthly reports, reached
    /// milestones, problems), newest first, in one query. Audit rows carry only entity name and key, so the keys
    /// are read from the owning tables, which the data-scope filter already limits to projects the user may see.
    /// Rows deleted since are not found this way; the admin audit search still finds them by entity and key.
    /// </summary>
    public static async Task<IReadOnlyList<AuditDto>> ProjectHistoryAsync(AppDbContext db, int projectId, int max = 500, CancellationToken ct = default)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        static List<string> Keys(IEnumerable<int> ids) => ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var reports = Keys(await db.MonthlyReports.AsNoTracking().Where(r => r.ProjectId == projectId).Select(r => r.Id).ToListAsync(ct));
        var plans = Keys(await db.AnnualPlans.AsNoTracking().Where(r => r.ProjectId == projectId).Select(r => r.Id).ToListAsync(ct));
        var milestones = Keys(await db.ReachedMilestones.AsNoTracking().Where(r => r.ProjectId == projectId).Select(r => r.Id).ToListAsync(ct));
        var problems = Keys(await db.Problems.AsNoTracking().Where(r => r.ProjectId == projectId).Select(r => r.Id).ToListAsync(ct));
        var project = projectId.ToString(inv);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => (a.Entity == nameof(Project) && a.Key == project)
                || (a.Entity == nameof(MonthlyReport) && reports.Contains(a.Key))
                || (a.Entity == nameof(AnnualPlan) && plans.Contains(a.Key))
                || (a.Entity == nameof(ReachedMilestone) && milestones.Contains(a.Key))
                || (a.Entity == nameof(Problem) && problems.Contains(a.Key)))
            .OrderByDescending(a => a.Id)
            .Take(max)
            .Select(a => new AuditDto(a.Id, a.At, a.User, a.Client, a.Action, a.Entity, a.Key, a.Changes))
            .ToListAsync(ct);
    }

    /// <summary>Entity names present in the trail, for the search page's filter.</summary>
    public static async Task<IReadOnlyList<string>> EntitiesAsync(AppDbContext db, CancellationToken ct = default) =>
        await db.AuditEntries.AsNoTracking().Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync(ct);

    public static async Task<AuditPageDto> SearchAsync(AppDbContext db, string? user, string? entity, string? key, DateTime? from, DateTime? to, int page, int pageSize, CancellationToken ct = default)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(user))
        {
            q = q.Where(a => a.User == user);
        }

        if (!string.IsNullOrWhiteSpace(entity))
        {
            q = q.Where(a => a.Entity == entity);
        }

        if (!string.IsNullOrWhiteSpace(key))
        {
            q = q.Where(a => a.Key == key);
        }

        if (from is { } f)
        {
            q = q.Where(a => a.At >= f);
        }

        if (to is { } t)
        {
            q = q.Where(a => a.At < t);
        }

        var total = await q.CountAsync(ct);
        var w = PageWindow.Of(page, pageSize, total);
        var items = await q.OrderByDescending(a => a.Id).Skip(w.Skip).Take(w.Size)
            .Select(a => new AuditDto(a.Id, a.At, a.User, a.Client, a.Action, a.Entity, a.Key, a.Changes)).ToListAsync(ct);
        return new AuditPageDto(total, w.Page, w.Size, items);
    }
}
