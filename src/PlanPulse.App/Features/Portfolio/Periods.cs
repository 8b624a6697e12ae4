using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Periods;

namespace PlanPulse.App.Features.Portfolio;

public static class Periods
{
    /// <summary>
    /// The month a view is for. Given year and month are validated; missing ones default to the latest month
    /// with reports (the data's own "now", never the wall clock), or December of the given year.
    /// Returns null with a Chinese message when the input is not a month.
    /// </summary>
    public static async Task<(YearMonth? Month, string? Error)> ResolveAsync(AppDbContext db, int? year, int? month, CancellationToken ct = default)
    {
        if (year is { } y && (y < 1900 || y > 9999))
        {
            return (null, $"年份无效:{y}");
        }

        if (month is { } m && (m < 1 || m > 12))
        {
            return (null, $"月份无效:{m}(应为1–12)");
        }

        if (year is { } yy && month is { } mm)
        {
            return (new YearMonth(yy, mm), null);
        }

        var q = db.MonthlyReports.AsQueryable();
        if (year is { } y2)
        {
            q = q.Where(r => r.Month >= y2 * 100 && r.Month <= (y2 * 100) + 12);
        }

        var latest = await q.MaxAsync(r => (int?)r.Month, ct);
        if (latest is { } l)
        {
            var lm = YearMonth.FromId(l);
            return (month is { } m2 ? new YearMonth(lm.Year, m2) : lm, null);
        }

        var fallbackYear = year ?? await db.ProjectLists.MaxAsync(x => (int?)x.Year, ct) ?? 2023;
        return (new YearMonth(fallbackYear, month ?? 12), null);
    }
}
