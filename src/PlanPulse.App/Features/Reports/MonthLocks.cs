using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Periods;

namespace PlanPulse.App.Features.Reports;

public sealed record MonthLockDto(int Month, bool Locked, string LockedBy, DateTime LockedAt, string? Reason, int Version);

/// <summary>
/// The plan office closes a month when its figures are published; nothing in it changes until the office reopens
/// it with a reason. Lock and reopen are audited like every other change.
/// </summary>
public static class MonthLocks
{
    public static Task<bool> IsLockedAsync(AppDbContext db, YearMonth month, CancellationToken ct = default) =>
        db.MonthLocks.AnyAsync(l => l.Month == month.Id && !l.Reopened, ct);

    public static async Task<MonthLockDto> LockAsync(AppDbContext db, YearMonth month, string user, string? reason, TimeProvider clock, CancellationToken ct = default)
    {
        var row = await db.MonthLocks.FirstOrDefaultAsync(l => l.Month == month.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            row = new MonthLock { Month = month.Id, LockedBy = user, LockedAt = now, Reason = reason };
            db.MonthLocks.Add(row);
        }
        else if (!row.Reopened)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["month"] = [$"{month.ToChinese()}已锁定"] });
        }
        else
        {
            row.Reopened = false;
            row.LockedBy = user;
            row.LockedAt = now;
            row.Reason = reason;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"{month.ToChinese()}的锁定状态已被他人修改,请刷新后再操作", await db.MonthLocks.AsNoTracking().Where(l => l.Month == month.Id).Select(l => l.Version).FirstOrDefaultAsync(ct));
        }
        catch (DbUpdateException) when (db.Entry(row).State == EntityState.Added)
        {
            // Two people locked the same month at once: the unique month let one in; the other's lock is redundant.
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["month"] = [$"{month.ToChinese()}已被他人同时锁定"] });
        }

        // Publishing a month fixes the portfolio-defined indicators as of it.
        await Indicators.PortfolioIndicators.SyncAsync(db, month, ct);
        return Dto(row);
    }

    public static async Task<MonthLockDto> ReopenAsync(AppDbContext db, YearMonth month, string user, string? reason, TimeProvider clock, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["reason"] = ["重新开放已锁定月份须填写原因"] });
        }

        var row = await db.MonthLocks.FirstOrDefaultAsync(l => l.Month == month.Id && !l.Reopened, ct)
            ?? throw new ValidationFailedException(new Dictionary<string, string[]> { ["month"] = [$"{month.ToChinese()}未锁定"] });
        row.Reopened = true;
        row.LockedBy = user;
        row.LockedAt = clock.GetUtcNow().UtcDateTime;
        row.Reason = reason.Trim();
        await db.SaveChangesAsync(ct);
        return Dto(row);
    }

    public static async Task<IReadOnlyList<MonthLockDto>> ListAsync(AppDbContext db, int year, CancellationToken ct = default) =>
        (await db.MonthLocks.AsNoTracking().Where(l => l.Month >= year * 100 && l.Month <= (year * 100) + 12).OrderBy(l => l.Month).ToListAsync(ct)).Select(Dto).ToList();

    private static MonthLockDto Dto(MonthLock l) => new(l.Month, !l.Reopened, l.LockedBy, l.LockedAt, l.Reason, l.Version);
}
