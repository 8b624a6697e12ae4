using System.Globalization;
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
        new("milestones", "本月达到节点", CellKind.Text, false, "达到节点", "本月节点"),

        // History columns: read only with --as-submitted (a district bringing in the months it reported before).
        new("status", "状态", CellKind.Text, false, "报送状态"),
        new("submittedBy", "报送人", CellKind.Text, false),
        new("submittedAt", "报送时间", CellKind.Text, false),
        new("reviewedBy", "审核人", CellKind.Text, false),
        new("reviewedAt", "审核时间", CellKind.Text, false),
        new("returnReason", "退回原因", CellKind.Text, false),
        new("milestonesAt", "节点填报时间", CellKind.Text, false),
    ];

    /// <summary>The columns a unit fills in (the template's); the others are history, read only with --as-submitted.</summary>
    public static IReadOnlyList<ColumnSpec> UnitColumns => [.. Columns.TakeWhile(c => c.Key != "status")];

    /// <summary>What the 状态 column says when the project has no report for the month (its milestones may still be listed).</summary>
    public const string NotReported = "未报送";

    /// <summary>Times in the sheet are Beijing time, to the minute or second.</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    private sealed record History(ReportStatus? Status, string? SubmittedBy, DateTime? SubmittedAt, string? ReviewedBy, DateTime? ReviewedAt, string? ReturnReason, DateTime? MilestonesAt);

    private sealed record Parsed(int ProjectId, decimal? Amount, string? Progress, string? Note, IReadOnlyList<MilestoneKind> Milestones, History? History);

    /// <param name="unitId">When given, every project must be one this unit answers for (a unit's sheet, checked).</param>
    /// <param name="asSubmitted">
    /// History mode (plan office only, checked by the caller): the sheet's 状态, 报送人, 报送时间, 审核… columns are
    /// kept as they are instead of the import being a submission now, and milestones keep the file's times. This is
    /// how months reported before PlanPulse come in without every report turning late or on time by accident.
    /// </param>
    public static async Task<ImportResult> RunAsync(AppDbContext db, Stream xlsx, ImportOptions options, string? monthText, int? unitId, string user, TimeProvider clock, CancellationToken ct = default, bool asSubmitted = false)
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
        var reachedNow = (await db.ReachedMilestones.Where(m => EF.Parameter(projectIds).Contains(m.ProjectId)).ToListAsync(ct))
            .ToDictionary(m => (m.ProjectId, m.Kind));

        var rowProblems = new Dictionary<int, List<ExcelProblem>>();
        var valid = new List<Parsed>();
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

            History? history = asSubmitted ? ReadHistory(x, month, now) : null;
            var reported = history?.Status is not null || !asSubmitted;
            var readable = x.Amount("amount", out var amount);
            var progress = x.Text("progress", 4000);
            var note = x.Text("note", 1000);
            if (readable && amount is null && reported)
            {
                x.Fail("amount", "本月完成投资不能为空(本月没有完成投资请填 0)");
            }
            else if (amount < 0 && note is null)
            {
                x.Fail("amount", "本月完成投资为负数会使累计完成下降,须填写核减说明");
            }

            var kinds = ReadMilestones(x);
            if (projectId is { } pid)
            {
                foreach (var k in kinds)
                {
                    if (reachedNow.TryGetValue((pid, k), out var already) && already.Month != month.Id)
                    {
                        x.Fail("milestones", $"“{Names.Of(k)}”已在{YearMonth.FromId(already.Month).ToChinese()}填报过");
                    }
                }
            }

            if (projectId is { } id && reports.TryGetValue(id, out var existing) && existing.Status == ReportStatus.Approved && !asSubmitted
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
                valid.Add(new Parsed(projectId!.Value, reported ? amount : null, progress, note, kinds, history));
            }
        }

        var apply = options.Mode == ImportMode.Commit && (problems.Count == 0 || options.KeepValid);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in valid)
        {
            var changed = Milestones(db, row, month, reachedNow, apply, now);
            reports.TryGetValue(row.ProjectId, out var report);
            if (row.Amount is not { } amount)
            {
                // History of a month the project did not report: only its milestones (if any) come in.
                Tally(report is null ? (changed ? 1 : 0) : 0, changed, ref created, ref updated, ref unchanged);
                continue;
            }

            if (report is null)
            {
                created++;
                if (apply)
                {
                    var fresh = new MonthlyReport { ProjectId = row.ProjectId, Month = month.Id };
                    db.MonthlyReports.Add(row.History is { } h0 ? Keep(fresh, row, amount, h0) : Submit(fresh, amount, row.Progress, row.Note, user, now));
                }

                continue;
            }

            if (row.History is { } h)
            {
                var same = report.Amount == amount && report.Progress == row.Progress && report.CorrectionNote == row.Note && report.Status == h.Status
                    && report.SubmittedBy == h.SubmittedBy && report.SubmittedAt == h.SubmittedAt && report.ReviewedBy == h.ReviewedBy
                    && report.ReviewedAt == h.ReviewedAt && report.ReturnReason == h.ReturnReason;
                Tally(0, changed || !same, ref created, ref updated, ref unchanged);
                if (apply && !same)
                {
                    Keep(report, row, amount, h);
                }

                continue;
            }

            // The same figures again are not a new submission: re-importing a file must not move the submission time
            // (it decides whether the report was on time).
            if (report.Amount == amount && report.Progress == row.Progress && report.CorrectionNote == row.Note
                && report.Status is ReportStatus.Submitted or ReportStatus.Approved)
            {
                Tally(0, changed, ref created, ref updated, ref unchanged);
                continue;
            }

            updated++;
            if (apply)
            {
                Submit(report, amount, row.Progress, row.Note, user, now);
            }
        }

        if (apply && asSubmitted && valid.Count > 0)
        {
            // Row entries say what changed; this one says it was history brought in, by whom, for which month.
            db.AuditEntries.Add(new AuditEntry
            {
                At = now.UtcDateTime,
                User = db.AuditUser,
                Client = db.AuditClient,
                Action = "Migrated",
                Entity = "MonthlyReport",
                Key = month.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Changes = $"{{\"rows\":{valid.Count},\"created\":{created},\"updated\":{updated}}}",
            });
        }

        var summary = new ImportSummary(sheet.RowCount, created, updated, unchanged, rowProblems.Count, sheet.Skipped);
        return await ImportSteps.FinishAsync(db, sheet, apply, summary, problems, rowProblems, ct);
    }

    private static void Tally(int create, bool changed, ref int created, ref int updated, ref int unchanged)
    {
        if (create > 0)
        {
            created++;
        }
        else if (changed)
        {
            updated++;
        }
        else
        {
            unchanged++;
        }
    }

    /// <summary>Milestone names separated by 、 or commas; each must be one of the five.</summary>
    private static List<MilestoneKind> ReadMilestones(RowReader x)
    {
        var kinds = new List<MilestoneKind>();
        foreach (var part in (x.Text("milestones", 200) ?? "").Split(['、', ',', '，', ';', '；', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kind = Enum.GetValues<MilestoneKind>().FirstOrDefault(k => Names.Of(k) == part || (part == "入库" || part == "纳统" ? k == MilestoneKind.Registered : false));
            if (kind == 0)
            {
                x.Fail("milestones", $"未知的节点“{part}”,应为 {string.Join("、", Enum.GetValues<MilestoneKind>().Select(Names.Of))} 之一");
            }
            else if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        return kinds;
    }

    /// <summary>Records the row's milestones for the month (history: at the file's time; otherwise now).</summary>
    private static bool Milestones(AppDbContext db, Parsed row, YearMonth month, Dictionary<(int, MilestoneKind), ReachedMilestone> reached, bool apply, DateTimeOffset now)
    {
        var changed = false;
        var at = row.History is { } h ? h.MilestonesAt ?? h.SubmittedAt ?? now.UtcDateTime : now.UtcDateTime;
        foreach (var kind in row.Milestones)
        {
            if (reached.TryGetValue((row.ProjectId, kind), out var m))
            {
                if (row.History is not null && m.RecordedAt != at)
                {
                    changed = true;
                    if (apply)
                    {
                        m.RecordedAt = at;
                    }
                }

                continue;
            }

            changed = true;
            if (apply)
            {
                var added = new ReachedMilestone { ProjectId = row.ProjectId, Kind = kind, Month = month.Id, RecordedAt = at };
                db.ReachedMilestones.Add(added);
                reached[(row.ProjectId, kind)] = added;
            }
        }

        return changed;
    }

    private static History ReadHistory(RowReader x, YearMonth month, DateTimeOffset now)
    {
        ReportStatus? status = ReportStatus.Submitted;
        var statusText = x.Text("status");
        if (statusText is not null)
        {
            status = statusText == NotReported || statusText == "未报"
                ? null
                : Enum.GetValues<ReportStatus>().Cast<ReportStatus?>().FirstOrDefault(s => Names.Of(s!.Value) == statusText || (statusText == "退回" && s == ReportStatus.Returned));
            if (status is null && statusText != NotReported && statusText != "未报")
            {
                x.Fail("status", $"未知的状态“{statusText}”,应为 草稿、已报送、已审核、已退回、未报送 之一");
            }
        }

        var opens = new DateTimeOffset(month.FirstDay.ToDateTime(TimeOnly.MinValue), ReportingCalendar.ChinaOffset);
        DateTime? Time(string key, string label)
        {
            var text = x.Text(key);
            if (text is null)
            {
                return null;
            }

            if (!DateTime.TryParseExact(text, [TimeFormat, "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                x.Fail(key, $"{label}应写作 {TimeFormat}(北京时间),收到“{text}”");
                return null;
            }

            var at = new DateTimeOffset(local, ReportingCalendar.ChinaOffset);
            if (at > now)
            {
                x.Fail(key, $"{label}“{text}”晚于现在");
                return null;
            }

            if (at < opens)
            {
                x.Fail(key, $"{label}“{text}”早于{month.ToChinese()}");
                return null;
            }

            return at.UtcDateTime;
        }

        var submittedAt = Time("submittedAt", "报送时间");
        var reviewedAt = Time("reviewedAt", "审核时间");
        var milestonesAt = Time("milestonesAt", "节点填报时间");
        if (status is ReportStatus.Submitted or ReportStatus.Approved or ReportStatus.Returned && submittedAt is null && x.Text("submittedAt") is null)
        {
            x.Fail("submittedAt", "按原报送时间导入时,已报送、已审核、已退回的月报须填报送时间");
        }

        if (submittedAt is { } s && reviewedAt is { } r && r < s)
        {
            x.Fail("reviewedAt", "审核时间早于报送时间");
        }

        return new History(status, x.Text("submittedBy", 100), submittedAt, x.Text("reviewedBy", 100), reviewedAt, x.Text("returnReason", 1000), milestonesAt);
    }

    private static MonthlyReport Keep(MonthlyReport report, Parsed row, decimal amount, History h)
    {
        report.Amount = amount;
        report.Progress = row.Progress;
        report.CorrectionNote = row.Note;
        report.Status = h.Status ?? ReportStatus.Draft;
        report.SubmittedBy = h.SubmittedBy;
        report.SubmittedAt = h.Status is ReportStatus.Draft ? null : h.SubmittedAt;
        report.ReviewedBy = h.ReviewedBy;
        report.ReviewedAt = h.ReviewedAt;
        report.ReturnReason = h.ReturnReason;
        return report;
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
