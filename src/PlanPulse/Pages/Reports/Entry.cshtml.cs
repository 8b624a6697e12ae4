using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages.Reports;

/// <summary>
/// One responsible unit's monthly entry grid: a row per project. Saving is all or nothing: every changed row goes
/// through <see cref="SubmitMonthlyReport"/> inside one transaction, and a single failing row rolls back all.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = PlanPulse.Web.Auth.WriterPolicy)]
public sealed class EntryModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    /// <summary>Limits of the columns (see the model configuration), checked here so the user gets a message, not a 500.</summary>
    public const int ProgressMaxLength = 4000;
    public const int NoteMaxLength = 1000;

    public const string WebUser = "web";

    /// <summary>Rows per page: a department can answer for a thousand projects in a large portfolio.</summary>
    public const int PageSize = 50;

    public static readonly MilestoneKind[] MilestoneKinds = Enum.GetValues<MilestoneKind>();

    [BindProperty]
    public List<EntryRow> Rows { get; set; } = [];

    public int? UnitId { get; private set; }

    public string? UnitName { get; private set; }

    public IReadOnlyList<UnitOption> Units { get; private set; } = [];

    public IReadOnlyList<ProjectLine> Lines { get; private set; } = [];

    /// <summary>Project id → field → Chinese messages.</summary>
    public Dictionary<int, Dictionary<string, List<string>>> Errors { get; } = [];

    public int? Saved { get; private set; }

    /// <summary>The page of the unit's projects shown (1-based), and how many pages and projects there are.</summary>
    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public int ProjectCount { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>Why the month cannot be entered (locked, in the future), or null when it can.</summary>
    public string? ReadOnlyReason { get; private set; }

    public override IEnumerable<string> PeriodCarry => ["unit"];

    /// <summary>A row as posted. Amount stays text so 全角 digits and separators reach the parser as typed.</summary>
    public sealed class EntryRow
    {
        public int ProjectId { get; set; }

        public int? Version { get; set; }

        public string? Amount { get; set; }

        public string? Progress { get; set; }

        public string? CorrectionNote { get; set; }

        public List<string> Milestones { get; set; } = [];
    }

    public sealed record UnitOption(int Id, string Name, UnitType Type, int Projects);

    /// <summary>What the grid shows of a project besides the inputs, always read from the database.</summary>
    public sealed record ProjectLine(
        int Id,
        string Code,
        string Name,
        decimal AnnualPlan,
        decimal CumulativeBefore,
        MonthlyReport? Report,
        IReadOnlyDictionary<MilestoneKind, int> Reached)
    {
        public bool Approved => Report?.Status == ReportStatus.Approved;
    }

    public async Task<IActionResult> OnGetAsync(int? unit, int? year, int? month, int? p, int? saved, CancellationToken ct)
    {
        if (!await LoadAsync(unit, year, month, p, ct))
        {
            return Page();
        }

        Saved = saved;
        Rows = Lines.Select(l => new EntryRow
        {
            ProjectId = l.Id,
            Version = l.Report?.Version,
            Amount = UiFormat.WanInput(l.Report?.Amount),
            Progress = l.Report?.Progress,
            CorrectionNote = l.Report?.CorrectionNote,
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? unit, int? year, int? month, int? p, CancellationToken ct)
    {
        if (!await LoadAsync(unit, year, month, p, ct) || UnitId is null)
        {
            return Page();
        }

        if (ReadOnlyReason is not null)
        {
            Notice = ReadOnlyReason;
            return Page();
        }

        // Only rows of this unit's projects on this page count; anything else in the post is ignored.
        var posted = Rows.Where(r => r is not null).GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => g.First());
        var changes = new List<(ProjectLine Line, EntryRow Row)>();
        foreach (var line in Lines)
        {
            if (posted.TryGetValue(line.Id, out var row) && !line.Approved && Changed(line, row))
            {
                changes.Add((line, row));
            }
        }

        // Re-show what was posted, in the grid's order, for rows that came back.
        Rows = Lines.Select(l => posted.TryGetValue(l.Id, out var r) ? r : new EntryRow { ProjectId = l.Id, Version = l.Report?.Version, Amount = UiFormat.WanInput(l.Report?.Amount), Progress = l.Report?.Progress, CorrectionNote = l.Report?.CorrectionNote }).ToList();

        if (changes.Count == 0)
        {
            Notice = "没有修改,无需保存。";
            return Page();
        }

        foreach (var (line, row) in changes)
        {
            if (row.Progress?.Trim().Length > ProgressMaxLength)
            {
                AddError(line.Id, "progress", $"形象进度不能超过{ProgressMaxLength}字");
            }

            if (row.CorrectionNote?.Trim().Length > NoteMaxLength)
            {
                AddError(line.Id, "correctionNote", $"核减说明不能超过{NoteMaxLength}字");
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        // Every row is tried (so every error shows at once) inside one transaction that only commits when all pass.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var (line, row) in changes)
            {
                var command = new SubmitMonthlyReportCommand(
                    null,
                    line.Id,
                    Period.Id.ToString(CultureInfo.InvariantCulture),
                    row.Amount,
                    row.Progress,
                    row.CorrectionNote,
                    row.Milestones.Where(m => !string.IsNullOrWhiteSpace(m)).Distinct(StringComparer.Ordinal).ToList(),
                    Submit: true,
                    Version: row.Version);
                try
                {
                    // The signed-in user is the submitter: the review page shows who submitted what.
                    await SubmitMonthlyReport.HandleAsync(db, command, User.Identity?.Name ?? WebUser, clock, ct);
                }
                catch (ValidationFailedException ex)
                {
                    foreach (var (field, messages) in ex.Errors)
                    {
                        foreach (var m in messages)
                        {
                            AddError(line.Id, field, m);
                        }
                    }
                }
                catch (ConcurrencyConflictException ex)
                {
                    AddError(line.Id, "version", ex.Message);
                }
                catch (DbUpdateException ex)
                {
                    AddError(line.Id, "row", $"保存失败:{ex.GetBaseException().Message}");
                }

                if (Errors.ContainsKey(line.Id))
                {
                    // Whatever the failed row left tracked must not ride along with the next row's save.
                    db.ChangeTracker.Clear();
                }
            }

            if (Errors.Count > 0)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return Page();
            }

            await tx.CommitAsync(ct);
        }

        return RedirectToPage(new { unit = UnitId, year = Period.Year, month = Period.Month, p = PageNumber > 1 ? PageNumber : (int?)null, saved = changes.Count });
    }

    /// <summary>Messages for a row's field ("amount", "progress", "correctionNote", "milestones"); null when none.</summary>
    public IReadOnlyList<string>? ErrorsFor(int projectId, string field) =>
        Errors.TryGetValue(projectId, out var byField) && byField.TryGetValue(field, out var list) ? list : null;

    /// <summary>Messages for a row that belong to no input (project, month, version, database).</summary>
    public IEnumerable<string> RowErrors(int projectId) =>
        Errors.TryGetValue(projectId, out var byField)
            ? byField.Where(e => e.Key is not ("amount" or "progress" or "correctionNote" or "milestones")).SelectMany(e => e.Value)
            : [];

    private void AddError(int projectId, string field, string message)
    {
        if (!Errors.TryGetValue(projectId, out var byField))
        {
            Errors[projectId] = byField = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        }

        if (!byField.TryGetValue(field, out var list))
        {
            byField[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Whether the posted row differs from what is stored, so untouched rows are not re-submitted.</summary>
    private static bool Changed(ProjectLine line, EntryRow row)
    {
        static string Norm(string? s) => s?.Trim() ?? string.Empty;
        var newMilestone = row.Milestones.Any(m => !Enum.TryParse<MilestoneKind>(m, true, out var k) || !line.Reached.ContainsKey(k));
        if (line.Report is not { } r)
        {
            return Norm(row.Amount).Length > 0 || Norm(row.Progress).Length > 0 || Norm(row.CorrectionNote).Length > 0 || newMilestone;
        }

        // A draft (saved through the API with submit=false) counts as changed: the grid's one button is
        // "保存并报送", so saving the grid submits the drafts it shows.
        var amountChanged = AmountText.Parse(row.Amount) is not { Ok: true } a || a.Value != r.Amount;
        return amountChanged
            || Norm(row.Progress) != Norm(r.Progress)
            || Norm(row.CorrectionNote) != Norm(r.CorrectionNote)
            || newMilestone
            || r.Status is ReportStatus.Draft;
    }

    private async Task<bool> LoadAsync(int? unit, int? year, int? month, int? page, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return false;
        }

        var y = Period.Year;
        var onYearList = db.ProjectListEntries.Where(e => e.ProjectList!.Year == y).Select(e => e.ProjectId);
        var counts = await db.Projects.AsNoTracking().Where(p => onYearList.Contains(p.Id))
            .GroupBy(p => p.ResponsibleUnitId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var countBy = counts.ToDictionary(c => c.Key, c => c.Count);
        var ids = countBy.Keys.ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id))
            .OrderBy(u => u.Type).ThenBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new { u.Id, u.Name, u.Type }).ToListAsync(ct);
        Units = units.Select(u => new UnitOption(u.Id, u.Name, u.Type, countBy[u.Id])).ToList();

        if (unit is not { } uid)
        {
            return true;
        }

        var chosen = Units.FirstOrDefault(u => u.Id == uid);
        if (chosen is null)
        {
            Notice = "所选责任单位在该年度没有项目。";
            return true;
        }

        UnitId = chosen.Id;
        UnitName = chosen.Name;

        // A reopened month keeps its lock row (with Reopened set) and is open for entry again.
        if (await MonthLocks.IsLockedAsync(db, Period, ct))
        {
            ReadOnlyReason = $"{Period.ToChinese()}已锁定,需由计划科重新开放后才能修改。";
        }
        else if (Period > ReportingCalendar.CurrentMonth(clock.GetUtcNow()))
        {
            ReadOnlyReason = $"不能填报未来月份:{Period.ToChinese()}。";
        }

        var unitProjects = db.Projects.AsNoTracking().Where(p => p.ResponsibleUnitId == uid && onYearList.Contains(p.Id));
        ProjectCount = chosen.Projects;
        PageCount = Math.Max(1, (ProjectCount + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
        var projects = await unitProjects
            .OrderBy(p => p.Code)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(p => new { p.Id, p.Code, p.Name })
            .ToListAsync(ct);
        var pids = projects.Select(p => p.Id).ToList();
        var plans = await db.AnnualPlans.AsNoTracking().Where(a => a.Year == y && pids.Contains(a.ProjectId))
            .Select(a => new { a.ProjectId, a.PlannedInvestment }).ToDictionaryAsync(a => a.ProjectId, a => a.PlannedInvestment, ct);
        var first = new YearMonth(y, 1).Id;
        // Summed in memory: SQLite has no decimal type, so decimal aggregates are not translated there.
        var before = (await db.MonthlyReports.AsNoTracking()
            .Where(r => pids.Contains(r.ProjectId) && r.Month >= first && r.Month < Period.Id && r.Status != ReportStatus.Draft)
            .Select(r => new { r.ProjectId, r.Amount }).ToListAsync(ct))
            .GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
        var reports = await db.MonthlyReports.AsNoTracking().Where(r => pids.Contains(r.ProjectId) && r.Month == Period.Id)
            .ToDictionaryAsync(r => r.ProjectId, ct);
        var reached = (await db.ReachedMilestones.AsNoTracking().Where(r => pids.Contains(r.ProjectId))
            .Select(r => new { r.ProjectId, r.Kind, r.Month }).ToListAsync(ct))
            .ToLookup(r => r.ProjectId);

        Lines = projects.Select(p => new ProjectLine(
            p.Id,
            p.Code,
            p.Name,
            plans.GetValueOrDefault(p.Id),
            before.GetValueOrDefault(p.Id),
            reports.GetValueOrDefault(p.Id),
            reached[p.Id].GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Min(r => r.Month))))
            .ToList();
        return true;
    }
}
