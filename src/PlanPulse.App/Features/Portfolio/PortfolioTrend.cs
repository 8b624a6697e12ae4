using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.RuleSets;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Portfolio;

public sealed record TrendPointDto(int Month, decimal Completed, decimal? CompletionRate, decimal TimeProgress);

/// <summary>
/// Completion by month, January to the chosen month, each month as it stood at its own deadline — the same
/// numbers as the month summaries, from one read of the year's reports instead of one evaluation per month.
/// </summary>
public static class PortfolioTrend
{
    public static async Task<IReadOnlyList<TrendPointDto>> GetAsync(AppDbContext db, YearMonth month, string? listCode = null, CancellationToken ct = default)
    {
        var year = month.Year;
        var rules = await RuleSets.RuleSets.LoadAsync(db, year, ct);
        listCode = string.IsNullOrWhiteSpace(listCode) ? PortfolioEvaluator.AnnualMajorList : listCode;
        var members = db.ProjectListEntries.Where(e => e.ProjectList!.Year == year && e.ProjectList.Code == listCode).Select(e => e.ProjectId);
        var plan = await db.AnnualPlans.Where(a => a.Year == year && members.Contains(a.ProjectId)).Select(a => a.PlannedInvestment).ToListAsync(ct);
        var annual = plan.Sum();
        var cutoff = ReportingCalendar.Cutoff(month, rules);
        var first = new YearMonth(year, 1).Id;
        var rows = await db.MonthlyReports.AsNoTracking()
            .Where(r => members.Contains(r.ProjectId)
                && r.Month >= first && r.Month <= month.Id
                && r.SubmittedAt != null && r.SubmittedAt < cutoff
                && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Approved))
            .Select(r => new { r.Month, r.Amount, r.SubmittedAt })
            .ToListAsync(ct);

        var result = new List<TrendPointDto>(month.Month);
        for (var m = 1; m <= month.Month; m++)
        {
            var ym = new YearMonth(year, m);
            var c = ReportingCalendar.Cutoff(ym, rules);
            var completed = rows.Where(r => r.Month <= ym.Id && r.SubmittedAt < c).Sum(r => r.Amount);
            result.Add(new TrendPointDto(m, completed, annual > 0 ? completed / annual : null, TimeProgress.Default(ym)));
        }

        return result;
    }
}
