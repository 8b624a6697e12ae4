using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;

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

        pageSize = Math.Clamp(pageSize, 1, 500);
        page = Math.Max(1, page);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new AuditDto(a.Id, a.At, a.User, a.Client, a.Action, a.Entity, a.Key, a.Changes)).ToListAsync(ct);
        return new AuditPageDto(total, page, pageSize, items);
    }
}
