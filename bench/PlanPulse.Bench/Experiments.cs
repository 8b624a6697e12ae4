using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.RuleSets;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Bench;

internal sealed record ReportFacts(int ProjectId, decimal Completed, int OnTime, int LastMonth);

/// <summary>
/// Candidate changes to src, measured here before anyone makes them. Each one computes facts the evaluator computes
/// today and is checked against the app's own snapshot, so a recommendation rests on a measured, equivalent query.
/// </summary>
internal static class Experiments
{
    /// <summary>
    /// The evaluator's reports step as one EF query grouped per project: SUM of the amount (SQLite: of the INTEGER 元
    /// column, converted back to 万元), the count of reports in before their own month's deadline, and the last month
    /// reported. 50,000 rows come back instead of one per report.
    /// </summary>
    public static async Task<List<ReportFacts>> AggregatedReportsAsync(AppDbContext db, YearMonth month, CancellationToken ct = default)
    {
        var year = month.Year;
        var rules = await RuleSets.LoadAsync(db, year, ct);
        var listId = await db.ProjectLists.Where(l => l.Year == year && l.Code == PortfolioEvaluator.AnnualMajorList).Select(l => l.Id).FirstAsync(ct);
        var members = db.ProjectListEntries.Where(e => e.ProjectListId == listId).Select(e => e.ProjectId);
        var cutoff = ReportingCalendar.Cutoff(month, rules);
        var first = new YearMonth(year, 1).Id;

        // The deadline of each report's own month, as 12 (month, cutoff) pairs; months after this one never match.
        var m = new int[12];
        var c = new DateTime[12];
        for (var i = 0; i < 12; i++)
        {
            var ym = new YearMonth(year, i + 1);
            (m[i], c[i]) = (ym.Month <= month.Month ? ym.Id : 0, ReportingCalendar.Cutoff(ym, rules));
        }

        var rows = await db.MonthlyReports.AsNoTracking()
            .Where(r => members.Contains(r.ProjectId)
                && r.Month >= first && r.Month <= month.Id
                && r.SubmittedAt != null && r.SubmittedAt < cutoff
                && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Approved))
            .GroupBy(r => r.ProjectId)
            .Select(g => new
            {
                ProjectId = g.Key,
                Completed = g.Sum(r => r.Amount),
                OnTime = g.Sum(r =>
                    (r.Month == m[0] && r.SubmittedAt < c[0]) || (r.Month == m[1] && r.SubmittedAt < c[1]) || (r.Month == m[2] && r.SubmittedAt < c[2])
                    || (r.Month == m[3] && r.SubmittedAt < c[3]) || (r.Month == m[4] && r.SubmittedAt < c[4]) || (r.Month == m[5] && r.SubmittedAt < c[5])
                    || (r.Month == m[6] && r.SubmittedAt < c[6]) || (r.Month == m[7] && r.SubmittedAt < c[7]) || (r.Month == m[8] && r.SubmittedAt < c[8])
                    || (r.Month == m[9] && r.SubmittedAt < c[9]) || (r.Month == m[10] && r.SubmittedAt < c[10]) || (r.Month == m[11] && r.SubmittedAt < c[11])
                    ? 1 : 0),
                LastMonth = g.Max(r => r.Month),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ReportFacts(r.ProjectId, r.Completed, r.OnTime, r.LastMonth))];
    }

    /// <summary>Whether the aggregated facts are the snapshot's: completed, on-time reports and "this month's report is in".</summary>
    public static string Compare(IReadOnlyList<ReportFacts> facts, PortfolioSnapshot s)
    {
        var byId = facts.ToDictionary(f => f.ProjectId);
        var wrong = 0;
        foreach (var p in s.Projects)
        {
            var f = byId.GetValueOrDefault(p.Id);
            var completed = f?.Completed ?? 0m;
            var onTime = f?.OnTime ?? 0;
            var thisMonth = f?.LastMonth == s.Month.Id;
            if (completed != p.Completed || onTime != p.ReportsOnTime || thisMonth != (p.Verdict.Hits.All(h => h.Rule != ProjectColouring.ReportRule)))
            {
                wrong++;
            }
        }

        return wrong == 0 ? "same facts as the snapshot" : $"MISMATCH for {wrong} projects";
    }
}
