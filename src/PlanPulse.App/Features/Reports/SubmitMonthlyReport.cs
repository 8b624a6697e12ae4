using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Reports;

/// <summary>
/// A unit's monthly report for one project. Amount is the investment completed in the month (万元); a negative
/// amount is a correction of earlier months and needs a note, because it makes the year's cumulative fall.
/// </summary>
public sealed record SubmitMonthlyReportCommand(
    string? ProjectCode,
    int? ProjectId,
    string? Month,
    string? Amount,
    string? Progress,
    string? CorrectionNote,
    IReadOnlyList<string>? Milestones,
    bool Submit = true,
    int? Version = null);

public sealed record SubmitMonthlyReportResult(int ReportId, int ProjectId, int Month, decimal Amount, decimal CumulativeThisYear, string Status, int Version);

/// <summary>Validation failed: field → Chinese messages. Nothing was saved.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(";", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The record changed since the client read it.</summary>
public sealed class ConcurrencyConflictException(string message, int currentVersion) : Exception(message)
{
    public int CurrentVersion { get; } = currentVersion;
}

public static class SubmitMonthlyReport
{
    public static async Task<SubmitMonthlyReportResult> HandleAsync(AppDbContext db, SubmitMonthlyReportCommand c, string user, TimeProvider clock, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        Project? project = null;
        if (c.ProjectId is { } pid)
        {
            project = await db.Projects.FirstOrDefaultAsync(p => p.Id == pid, ct);
        }
        else if (!string.IsNullOrWhiteSpace(c.ProjectCode))
        {
            var code = c.ProjectCode.Trim();
            project = await db.Projects.FirstOrDefaultAsync(p => p.Code == code, ct);
        }

        if (project is null)
        {
            Fail("projectId", c.ProjectId is null && string.IsNullOrWhiteSpace(c.ProjectCode) ? "请指定项目" : $"项目不存在:{c.ProjectCode ?? c.ProjectId?.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        var now = clock.GetUtcNow();
        YearMonth month = default;
        if (!YearMonth.TryParse(c.Month, out month))
        {
            Fail("month", $"月份格式应为 yyyyMM 或 yyyy-MM,收到“{c.Month}”");
        }
        else if (month > ReportingCalendar.CurrentMonth(now))
        {
            Fail("month", $"不能填报未来月份:{month.ToChinese()}");
        }
        else if (await MonthLocks.IsLockedAsync(db, month, ct))
        {
            Fail("month", $"{month.ToChinese()}已锁定,需由计划科重新开放后才能修改");
        }

        var parsed = AmountText.Parse(c.Amount);
        var amount = parsed.Value;
        if (parsed.IsEmpty)
        {
            Fail("amount", "本月完成投资(万元)未填写");
        }
        else if (!parsed.Ok)
        {
            Fail("amount", $"本月完成投资(万元){parsed.Message}");
        }
        else if (amount < 0 && string.IsNullOrWhiteSpace(c.CorrectionNote))
        {
            Fail("amount", "本月完成投资为负数会使累计完成下降,须填写核减说明(correctionNote)");
        }

        if (c.Progress is { Length: > 4000 })
        {
            Fail("progress", $"形象进度最多4000字,收到{c.Progress.Length}字");
        }

        if (c.CorrectionNote is { Length: > 1000 })
        {
            Fail("correctionNote", $"核减说明最多1000字,收到{c.CorrectionNote.Length}字");
        }

        var milestones = new List<MilestoneKind>();
        foreach (var m in c.Milestones ?? [])
        {
            if (Enum.TryParse<MilestoneKind>(m, ignoreCase: true, out var kind) && Enum.IsDefined(kind))
            {
                milestones.Add(kind);
            }
            else if (Enum.GetValues<MilestoneKind>().FirstOrDefault(k => Names.Of(k) == m) is var k2 && k2 != 0)
            {
                milestones.Add(k2);
            }
            else
            {
                Fail("milestones", $"未知的节点:“{m}”");
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var report = await db.MonthlyReports.FirstOrDefaultAsync(r => r.ProjectId == project!.Id && r.Month == month.Id, ct);
        if (report is null)
        {
            report = new MonthlyReport { ProjectId = project!.Id, Month = month.Id };
            db.MonthlyReports.Add(report);
        }
        else if (c.Version is { } v && v != report.Version)
        {
            throw new ConcurrencyConflictException($"该月报已被他人修改(当前版本 {report.Version}),请刷新后再保存", report.Version);
        }

        if (report.Status == ReportStatus.Approved)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["month"] = [$"{month.ToChinese()}月报已审核,不能直接修改"] });
        }

        report.ReturnReason = null;
        report.ReviewedBy = null;
        report.ReviewedAt = null;
        report.Amount = amount;
        report.Progress = c.Progress?.Trim();
        report.CorrectionNote = string.IsNullOrWhiteSpace(c.CorrectionNote) ? null : c.CorrectionNote.Trim();
        report.Status = c.Submit ? ReportStatus.Submitted : ReportStatus.Draft;
        report.SubmittedBy = user;
        report.SubmittedAt = c.Submit ? now.UtcDateTime : null;

        foreach (var kind in milestones)
        {
            var reached = await db.ReachedMilestones.AnyAsync(r => r.ProjectId == project!.Id && r.Kind == kind, ct);
            if (!reached)
            {
                db.ReachedMilestones.Add(new ReachedMilestone { ProjectId = project!.Id, Kind = kind, Month = month.Id, RecordedAt = now.UtcDateTime });
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.MonthlyReports.AsNoTracking().Where(r => r.Id == report.Id).Select(r => r.Version).FirstOrDefaultAsync(ct);
            throw new ConcurrencyConflictException("该月报已被他人修改,请刷新后再保存", current);
        }
        catch (DbUpdateException) when (db.Entry(report).State == EntityState.Added)
        {
            // Two people created the same month's report at once: the unique index let one in.
            var current = await db.MonthlyReports.AsNoTracking().Where(r => r.ProjectId == report.ProjectId && r.Month == report.Month).Select(r => r.Version).FirstOrDefaultAsync(ct);
            throw new ConcurrencyConflictException("该月报已被他人同时创建,请刷新后再保存", current);
        }

        var first = new YearMonth(month.Year, 1).Id;
        var cumulative = await db.MonthlyReports.Where(r => r.ProjectId == project!.Id && r.Month >= first && r.Month <= month.Id && r.Status != ReportStatus.Draft)
            .Select(r => r.Amount).ToListAsync(ct);
        return new SubmitMonthlyReportResult(report.Id, project!.Id, month.Id, amount, cumulative.Sum(), report.Status.ToString(), report.Version);
    }
}
