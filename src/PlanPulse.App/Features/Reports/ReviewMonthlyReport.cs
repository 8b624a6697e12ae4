using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Reports;

public sealed record ReviewResult(int ReportId, string Status, int Version);

public sealed record MissingReportDto(int ProjectId, string ProjectCode, string ProjectName, string ResponsibleUnit, int Month, string State);

/// <summary>The plan office approves a submitted report or returns it with a reason (draft → submitted → approved / returned).</summary>
public static class ReviewMonthlyReport
{
    public static async Task<ReviewResult> ApproveAsync(AppDbContext db, int reportId, int? version, string user, TimeProvider clock, CancellationToken ct = default) =>
        await ReviewAsync(db, reportId, version, user, clock, approve: true, reason: null, ct);

    public static async Task<ReviewResult> ReturnAsync(AppDbContext db, int reportId, int? version, string user, string? reason, TimeProvider clock, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["reason"] = ["退回须填写原因"] });
        }

        return await ReviewAsync(db, reportId, version, user, clock, approve: false, reason.Trim(), ct);
    }

    private static async Task<ReviewResult> ReviewAsync(AppDbContext db, int reportId, int? version, string user, TimeProvider clock, bool approve, string? reason, CancellationToken ct)
    {
        var report = await db.MonthlyReports.FirstOrDefaultAsync(r => r.Id == reportId, ct)
            ?? throw new ValidationFailedException(new Dictionary<string, string[]> { ["reportId"] = [$"月报不存在:{reportId}"] });
        if (version is { } v && v != report.Version)
        {
            throw new ConcurrencyConflictException($"该月报已被修改(当前版本 {report.Version}),请刷新后再审核", report.Version);
        }

        var month = YearMonth.FromId(report.Month);
        if (await MonthLocks.IsLockedAsync(db, month, ct))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["month"] = [$"{month.ToChinese()}已锁定,需由计划科重新开放后才能修改"] });
        }

        if (report.Status != ReportStatus.Submitted)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["status"] = [$"只有已报送的月报可以审核,当前为“{Names.Of(report.Status)}”"] });
        }

        report.Status = approve ? ReportStatus.Approved : ReportStatus.Returned;
        report.ReturnReason = reason;
        report.ReviewedBy = user;
        report.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.MonthlyReports.AsNoTracking().Where(r => r.Id == reportId).Select(r => r.Version).FirstOrDefaultAsync(ct);
            throw new ConcurrencyConflictException("该月报已被修改,请刷新后再审核", current);
        }

        return new ReviewResult(report.Id, report.Status.ToString(), report.Version);
    }

    /// <summary>Projects on the list without a submitted report for the month (missing, draft or returned), in scope.</summary>
    public static async Task<IReadOnlyList<MissingReportDto>> MissingAsync(AppDbContext db, YearMonth month, string? listCode = null, CancellationToken ct = default)
    {
        listCode = string.IsNullOrWhiteSpace(listCode) ? Portfolio.PortfolioEvaluator.AnnualMajorList : listCode;
        var projects = await (from e in db.ProjectListEntries
                              join l in db.ProjectLists on e.ProjectListId equals l.Id
                              where l.Year == month.Year && l.Code == listCode
                              select new { e.Project!.Id, e.Project.Code, e.Project.Name, Unit = e.Project.ResponsibleUnit!.Name })
                              .ToListAsync(ct);
        var reports = await db.MonthlyReports.Where(r => r.Month == month.Id).Select(r => new { r.ProjectId, r.Status }).ToDictionaryAsync(r => r.ProjectId, r => r.Status, ct);
        return projects
            .Where(p => !reports.TryGetValue(p.Id, out var s) || s is ReportStatus.Draft or ReportStatus.Returned)
            .Select(p => new MissingReportDto(p.Id, p.Code, p.Name, p.Unit, month.Id, reports.TryGetValue(p.Id, out var s) ? Names.Of(s) : "未填报"))
            .OrderBy(p => p.ResponsibleUnit, StringComparer.Ordinal).ThenBy(p => p.ProjectCode, StringComparer.Ordinal)
            .ToList();
    }
}
