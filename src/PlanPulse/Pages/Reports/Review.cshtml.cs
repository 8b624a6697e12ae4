using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Audit;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages.Reports;

/// <summary>
/// The plan office reviews a month's submitted reports: approve, or return with a reason. Each action carries the
/// version the reviewer saw, so a report changed in the meantime is not approved blind: the page says what changed.
/// </summary>
[Authorize(Policy = Auth.OfficePolicy)]
public sealed class ReviewModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    /// <summary>Rows per page: a month of a large portfolio has thousands of reports.</summary>
    public const int PageSize = 50;

    public const int ReasonMaxLength = 1000;

    public sealed record Row(int Id, int Version, int ProjectId, string ProjectCode, string ProjectName, string Unit, decimal Amount, string? Progress, string? CorrectionNote, string? SubmittedBy, DateTime? SubmittedAt);

    /// <summary>What the reviewer is told when the report changed under them: its state now and its last change.</summary>
    public sealed record Conflict(string Message, int SeenVersion, Row? Current, ReportStatus? CurrentStatus, string? ReviewedBy, AuditDto? LastChange);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Reports of the month by status (all of them, not just this page).</summary>
    public IReadOnlyDictionary<ReportStatus, int> Counts { get; private set; } = new Dictionary<ReportStatus, int>();

    public int SubmittedCount => Counts.GetValueOrDefault(ReportStatus.Submitted);

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public bool Locked { get; private set; }

    public string? Error { get; private set; }

    public Conflict? ConflictInfo { get; private set; }

    /// <summary>The report a failed return was for, and the reason typed, shown again so nothing typed is lost.</summary>
    public int? FailedId { get; private set; }

    public string? FailedReason { get; private set; }

    /// <summary>The outcome of the last action (after the redirect): "approved" or "returned", and for which project.</summary>
    public string? Done { get; private set; }

    public string? DoneProject { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? year, int? month, int? p, string? done, int? report, CancellationToken ct)
    {
        if (!await LoadAsync(year, month, p, ct))
        {
            return Page();
        }

        if (done is "approved" or "returned" && report is { } rid)
        {
            Done = done;
            DoneProject = await db.MonthlyReports.AsNoTracking().Where(r => r.Id == rid).Select(r => r.Project!.Name).FirstOrDefaultAsync(ct);
        }

        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id, int version, int? year, int? month, int? p, CancellationToken ct) =>
        ReviewAsync(id, version, year, month, p, approve: true, reason: null, ct);

    public Task<IActionResult> OnPostReturnAsync(int id, int version, string? reason, int? year, int? month, int? p, CancellationToken ct) =>
        ReviewAsync(id, version, year, month, p, approve: false, reason, ct);

    private async Task<IActionResult> ReviewAsync(int id, int version, int? year, int? month, int? p, bool approve, string? reason, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        try
        {
            if (reason is { Length: > ReasonMaxLength })
            {
                throw new ValidationFailedException(new Dictionary<string, string[]> { ["reason"] = [$"退回原因最多{ReasonMaxLength}字,收到{reason.Length}字"] });
            }

            var user = User.Identity!.Name!;
            var result = approve
                ? await ReviewMonthlyReport.ApproveAsync(db, id, version, user, clock, ct)
                : await ReviewMonthlyReport.ReturnAsync(db, id, version, user, reason, clock, ct);
            return RedirectToPage(new { year = Period.Year, month = Period.Month, p = p > 1 ? p : null, done = approve ? "approved" : "returned", report = result.ReportId });
        }
        catch (ValidationFailedException ex)
        {
            Error = string.Join(";", ex.Errors.SelectMany(e => e.Value));
        }
        catch (ConcurrencyConflictException ex)
        {
            ConflictInfo = await ConflictAsync(id, version, ex.Message, ct);
        }

        // Nothing was saved; whatever the failed attempt left tracked must not show up in the list.
        db.ChangeTracker.Clear();
        FailedId = approve ? null : id;
        FailedReason = reason;
        Response.StatusCode = ConflictInfo is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        await LoadAsync(Period.Year, Period.Month, p, ct);
        return Page();
    }

    private async Task<Conflict> ConflictAsync(int id, int seenVersion, string message, CancellationToken ct)
    {
        var current = await Project(db.MonthlyReports.AsNoTracking().Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
        var state = await db.MonthlyReports.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Status, r.ReviewedBy }).FirstOrDefaultAsync(ct);
        var last = (await AuditQueries.HistoryAsync(db, nameof(MonthlyReport), id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct)).FirstOrDefault();
        return new Conflict(message, seenVersion, current, state?.Status, state?.ReviewedBy, last);
    }

    private async Task<bool> LoadAsync(int? year, int? month, int? page, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return false;
        }

        var id = Period.Id;
        var counts = await db.MonthlyReports.AsNoTracking().Where(r => r.Month == id)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Counts = counts.ToDictionary(c => c.Key, c => c.Count);
        Locked = await MonthLocks.IsLockedAsync(db, Period, ct);

        PageCount = Math.Max(1, (SubmittedCount + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
        // Ordered as the entry page lists units, so a unit's reports sit together in the order its reporter sees them.
        var submitted = db.MonthlyReports.AsNoTracking().Where(r => r.Month == id && r.Status == ReportStatus.Submitted)
            .OrderBy(r => r.Project!.ResponsibleUnit!.Type).ThenBy(r => r.Project!.ResponsibleUnit!.SortOrder).ThenBy(r => r.Project!.ResponsibleUnit!.Code)
            .ThenBy(r => r.Project!.Code)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize);
        Rows = await Project(submitted).ToListAsync(ct);
        return true;
    }

    private static IQueryable<Row> Project(IQueryable<MonthlyReport> q) => q.Select(r => new Row(
        r.Id,
        r.Version,
        r.ProjectId,
        r.Project!.Code,
        r.Project.Name,
        r.Project.ResponsibleUnit!.Name,
        r.Amount,
        r.Progress,
        r.CorrectionNote,
        r.SubmittedBy,
        r.SubmittedAt));
}
