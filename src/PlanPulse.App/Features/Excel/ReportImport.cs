using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Excel;

/// <summary>
/// A unit's monthly reports for one month from a sheet, under the rules of <see cref="SubmitMonthlyReport"/> (same
/// messages): the month must be open and not in the future, the amount a number, a negative amount needs a 核减说明,
/// an approved report cannot be changed. The rules are applied to the whole sheet with lookups loaded once rather
/// than by calling the handler per row, so a sheet is checked in a handful of queries and saved in one transaction.
/// Scope comes from the context's query filter: a reporter's sheet may only name their unit's projects.
/// </summary>
public static class ReportImport
{
    public const string SheetName = "月报";

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("code", "项目代码", CellKind.Text, true, "项目编号", "项目编码", "编码", "代码"),
        new("name", "项目名称", CellKind.Text, false, "名称"),
        new("amount", "本月完成投资(万元)", CellKind.Amount, true, "本月完成投资", "本月完成", "当月完成投资", "本月完成投资额"),
        new("progress", "形象进度", CellKind.Text, false, "本月形象进度", "形象进度情况", "项目进展"),
        new("note", "核减说明", CellKind.Text, false, "核减原因"),
    ];

    /// <param name="unitId">When given, every project must be one this unit answers for (a unit's sheet, checked).</param>
    public static async Task<ImportResult> RunAsync(AppDbContext db, Stream xlsx, ImportOptions options, string? monthText, int? unitId, string user, TimeProvider clock, CancellationToken ct = default)
    {
        using var sheet = SheetReader.Read(xlsx, Columns);
        var problems = new List<ExcelProblem>(sheet.Problems);
        var now = clock.GetUtcNow();
        if (!YearMonth.TryParse(monthText, out var month))
        {
            problems.Add(new ExcelProblem(sheet.Sheet, 0, null, null, $"月份格式应为 yyyyMM 或 yyyy-MM,收到“{monthText}”"));
        }
        else if (month > ReportingCalendar.CurrentMonth(now))
        {
            problems.Add(new ExcelProblem(sheet.Sheet, 0, null, null, $"不能填报未来月份:{month.ToChinese()}"));
        }
        else if (await MonthLocks.IsLockedAsync(db, month, ct))
        {
            problems.Add(new ExcelProblem(sheet.Sheet, 0, null, null, $"{month.ToChinese()}已锁定,需由计划科重新开放后才能修改"));
        }

        if (problems.Count > 0)
        {
            return new ImportResult(false, new ImportSummary(0, 0, 0, 0, 0, 0), problems, null);
        }

        // One unit's month is tens of rows: kept in memory so the codes can be looked up in one query first.
        var sourceRows = sheet.ReadRows().ToList();

        var codes = sourceRows.Select(r => sheet.Row(r, []).Text("code")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => EF.Parameter(codes).Contains(p.Code))
            .Select(p => new { p.Id, p.Code, p.ResponsibleUnitId }).ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var projectIds = projects.Values.Select(p => p.Id).ToList();
        var reports = await db.MonthlyReports.Where(r => r.Month == month.Id && EF.Parameter(projectIds).Contains(r.ProjectId)).ToDictionaryAsync(r => r.ProjectId, ct);

        var rowProblems = new Dictionary<int, List<ExcelProblem>>();
        var valid = new List<(int ProjectId, decimal Amount, string? Progress, string? Note)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var source in sourceRows)
        {
            var mine = new List<ExcelProblem>();
            var x = sheet.Row(source, mine);
            var code = x.Text("code");
            int? projectId = null;
            if (code is null)
            {
                x.Fail("code", "项目代码不能为空");
            }
            else if (seen.TryGetValue(code, out var first))
            {
                x.Fail("code", $"项目代码“{code}”与第{first}行重复");
            }
            else if (!projects.TryGetValue(code, out var project))
            {
                // Same words whether the project does not exist or belongs to another unit: a reporter learns nothing
                // about projects outside their scope.
                x.Fail("code", $"项目不存在或不在您的填报范围内:{code}");
            }
            else if (unitId is { } u && project.ResponsibleUnitId != u)
            {
                x.Fail("code", $"项目“{code}”不是本单位负责的项目");
            }
            else
            {
                projectId = project.Id;
            }

            if (code is not null)
            {
                seen.TryAdd(code, source.Number);
            }

            var readable = x.Amount("amount", out var amount);
            var progress = x.Text("progress", 4000);
            var note = x.Text("note", 1000);
            if (readable && amount is null)
            {
                x.Fail("amount", "本月完成投资不能为空(本月没有完成投资请填 0)");
            }
            else if (amount < 0 && note is null)
            {
                x.Fail("amount", "本月完成投资为负数会使累计完成下降,须填写核减说明");
            }

            if (projectId is { } id && reports.TryGetValue(id, out var existing) && existing.Status == ReportStatus.Approved
                && !(existing.Amount == amount && existing.Progress == progress && existing.CorrectionNote == note))
            {
                x.Fail("code", $"{month.ToChinese()}月报已审核,不能直接修改");
            }

            if (mine.Count > 0)
            {
                rowProblems[source.Number] = mine;
                problems.AddRange(mine);
            }
            else
            {
                valid.Add((projectId!.Value, amount!.Value, progress, note));
            }
        }

        var apply = options.Mode == ImportMode.Commit && (problems.Count == 0 || options.KeepValid);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (projectId, amount, progress, note) in valid)
        {
            if (!reports.TryGetValue(projectId, out var report))
            {
                created++;
                if (apply)
                {
                    db.MonthlyReports.Add(Submit(new MonthlyReport { ProjectId = projectId, Month = month.Id }, amount, progress, note, user, now));
                }

                continue;
            }

            // The same figures again are not a new submission: re-importing a file must not move the submission time
            // (it decides whether the report was on time).
            if (report.Amount == amount && report.Progress == progress && report.CorrectionNote == note
                && report.Status is ReportStatus.Submitted or ReportStatus.Approved)
            {
                unchanged++;
                continue;
            }

            updated++;
            if (apply)
            {
                Submit(report, amount, progress, note, user, now);
            }
        }

        var summary = new ImportSummary(sheet.RowCount, created, updated, unchanged, rowProblems.Count, sheet.Skipped);
        return await ImportSteps.FinishAsync(db, sheet, apply, summary, problems, rowProblems, ct);
    }

    private static MonthlyReport Submit(MonthlyReport report, decimal amount, string? progress, string? note, string user, DateTimeOffset now)
    {
        report.ReturnReason = null;
        report.ReviewedBy = null;
        report.ReviewedAt = null;
        report.Amount = amount;
        report.Progress = progress;
        report.CorrectionNote = note;
        report.Status = ReportStatus.Submitted;
        report.SubmittedBy = user;
        report.SubmittedAt = now.UtcDateTime;
        return report;
    }
}
