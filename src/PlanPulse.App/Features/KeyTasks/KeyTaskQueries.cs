using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.RuleSets;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Domain.Tasks;

namespace PlanPulse.App.Features.KeyTasks;

public sealed record UnitRef(int Id, string Code, string Name);

public sealed record KeyTaskNoteDto(int Id, int Month, string Text, string Status, string WrittenBy, DateTime WrittenAt, int Version);

/// <summary>
/// One row of the key-task list as of a day: the task, its units, and the verdict of <see cref="KeyTaskRules"/>
/// (<see cref="Status"/> is the status shown, <see cref="RecordedStatus"/> the one last recorded).
/// </summary>
public sealed record KeyTaskDto(
    int Id,
    int Year,
    string Section,
    string Text,
    string Metric,
    decimal? Quantity,
    string? Unit,
    string? ResponsibleUnits,
    string? LeadUnit,
    int? SourceDocumentId,
    string? SourceDocument,
    int Version,
    UnitRef? Lead,
    IReadOnlyList<UnitRef> CoUnits,
    DateOnly? Deadline,
    string RecordedStatus,
    string Status,
    string StatusKey,
    string Colour,
    bool Overdue,
    string Reason,
    int? MissingNoteMonth,
    KeyTaskNoteDto? LatestNote,
    int Notes);

public sealed record KeyTaskDetailDto(KeyTaskDto Task, IReadOnlyList<KeyTaskNoteDto> Notes);

/// <summary>Filters of the list: a unit (lead or co-unit), the status shown, overdue or not.</summary>
public sealed record KeyTaskFilter(int? UnitId = null, KeyTaskStatus? Status = null, bool? Overdue = null);

/// <summary>The key-task summary of a briefing: counts by the status shown, and the tasks behind (red) with their lead units.</summary>
public sealed record KeyTaskSummary(int Total, IReadOnlyDictionary<KeyTaskStatus, int> ByStatus, int Overdue, IReadOnlyList<KeyTaskDto> Behind);

/// <summary>
/// Reads of the key-task list. Everyone signed in reads the whole list (it is the published 责任清单); who may write
/// is decided in <see cref="KeyTaskCommands"/>. The verdicts are computed here from the stored facts as of a day.
/// </summary>
public static class KeyTaskQueries
{
    /// <summary>
    /// The day a month is judged as of: the day after its progress notes were due (so the month's own notes count),
    /// or today when that day has not come yet.
    /// </summary>
    public static async Task<DateOnly> AsOfAsync(AppDbContext db, YearMonth month, TimeProvider clock, CancellationToken ct = default)
    {
        var rules = await RuleSets.RuleSets.LoadAsync(db, month.Year, ct);
        var after = ReportingCalendar.DeadlineDay(month, rules).AddDays(1);
        var today = Today(clock);
        return after < today ? after : today;
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ReportingCalendar.ChinaOffset).DateTime);

    public static async Task<IReadOnlyList<KeyTaskDto>> ListAsync(AppDbContext db, int year, DateOnly asOf, KeyTaskFilter? filter = null, CancellationToken ct = default)
    {
        var rules = await RuleSets.RuleSets.LoadAsync(db, year, ct);
        var rows = await Load(db.KeyTasks.AsNoTracking().Where(k => k.Year == year), ct);
        var all = rows.Select(k => ToDto(k, asOf, rules.ReportDeadlineDay)).ToList();
        if (filter is null)
        {
            return all;
        }

        return all.Where(t => (filter.UnitId is not { } u || t.Lead?.Id == u || t.CoUnits.Any(c => c.Id == u))
                && (filter.Status is not { } s || t.StatusKey == KeyTaskRules.Slug(s))
                && (filter.Overdue is not { } o || t.Overdue == o))
            .ToList();
    }

    public static async Task<KeyTaskDetailDto?> GetAsync(AppDbContext db, int id, DateOnly asOf, CancellationToken ct = default)
    {
        var rows = await Load(db.KeyTasks.AsNoTracking().Where(k => k.Id == id), ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var rules = await RuleSets.RuleSets.LoadAsync(db, rows[0].Year, ct);
        var notes = await db.KeyTaskProgress.AsNoTracking().Where(p => p.KeyTaskId == id).OrderByDescending(p => p.Month).ToListAsync(ct);
        return new KeyTaskDetailDto(ToDto(rows[0], asOf, rules.ReportDeadlineDay), notes.Select(Note).ToList());
    }

    public static async Task<KeyTaskSummary> SummaryAsync(AppDbContext db, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var all = await ListAsync(db, year, asOf, null, ct);
        var byStatus = Enum.GetValues<KeyTaskStatus>().ToDictionary(s => s, s => all.Count(t => t.StatusKey == KeyTaskRules.Slug(s)));
        var behind = all.Where(t => t.Colour == "red")
            .OrderByDescending(t => t.Overdue).ThenBy(t => t.Deadline ?? DateOnly.MaxValue).ThenBy(t => t.Id)
            .ToList();
        return new KeyTaskSummary(all.Count, byStatus, all.Count(t => t.Overdue), behind);
    }

    /// <summary>The years that have key tasks, newest first.</summary>
    public static async Task<IReadOnlyList<int>> YearsAsync(AppDbContext db, CancellationToken ct = default) =>
        await db.KeyTasks.AsNoTracking().Select(k => k.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);

    /// <summary>Units a task can be given to, in the unit table's order: departments, towns, commands (owners are enterprises, not task units).</summary>
    public static async Task<IReadOnlyList<UnitRef>> UnitsAsync(AppDbContext db, CancellationToken ct = default) =>
        await db.Units.AsNoTracking().Where(u => u.Type != UnitType.Owner)
            .OrderBy(u => u.Type).ThenBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new UnitRef(u.Id, u.Code, u.Name)).ToListAsync(ct);

    /// <summary>
    /// The lead units whose tasks <paramref name="scope"/> may write progress for (<see cref="KeyTaskCommands.CanWrite"/>),
    /// or null for all.
    /// </summary>
    public static async Task<IReadOnlySet<int>?> WritableUnitsAsync(AppDbContext db, DataScope scope, CancellationToken ct = default)
    {
        if (scope.All)
        {
            return null;
        }

        if (scope.UnitPath is not { Length: > 0 } path)
        {
            return new HashSet<int>();
        }

        return (await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(path)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
    }

    private sealed record Loaded(
        int Id, int Year, string Section, string Text, string Metric, decimal? Quantity, string? Unit, string? ResponsibleUnits,
        UnitRef? Lead, int? SourceDocumentId, string? SourceDocument, int Version, DateOnly? Deadline, KeyTaskStatus Status, DateOnly AddedOn,
        List<UnitRef> CoUnits, List<int> NoteMonths, KeyTaskNoteDto? Latest, int SortOrder);

    private static async Task<List<Loaded>> Load(IQueryable<KeyTask> tasks, CancellationToken ct)
    {
        var rows = await tasks.OrderBy(k => k.SortOrder).ThenBy(k => k.Id)
            .Select(k => new
            {
                k.Id, k.Year, k.Section, k.Text, k.Metric, k.Quantity, k.Unit, k.ResponsibleUnits,
                Lead = k.LeadUnit == null ? null : new UnitRef(k.LeadUnit.Id, k.LeadUnit.Code, k.LeadUnit.Name),
                k.SourceDocumentId,
                SourceDocument = k.SourceDocument == null ? null : k.SourceDocument.FileName,
                k.Version, k.Deadline, k.Status, k.AddedOn, k.SortOrder,
                CoUnits = k.CoUnits.OrderBy(c => c.Unit!.Type).ThenBy(c => c.Unit!.SortOrder).Select(c => new UnitRef(c.Unit!.Id, c.Unit.Code, c.Unit.Name)).ToList(),
                NoteMonths = k.Progress.Select(p => p.Month).ToList(),
            })
            .ToListAsync(ct);

        // The latest note of each task, in one query rather than one per task.
        var ids = rows.Select(r => r.Id).ToList();
        var latest = (await tasks.SelectMany(k => k.Progress).Where(p => EF.Parameter(ids).Contains(p.KeyTaskId)).ToListAsync(ct))
            .GroupBy(p => p.KeyTaskId)
            .ToDictionary(g => g.Key, g => Note(g.OrderByDescending(p => p.Month).First()));
        return rows.Select(r => new Loaded(r.Id, r.Year, r.Section, r.Text, r.Metric, r.Quantity, r.Unit, r.ResponsibleUnits, r.Lead, r.SourceDocumentId,
            r.SourceDocument, r.Version, r.Deadline, r.Status, r.AddedOn, r.CoUnits, r.NoteMonths, latest.GetValueOrDefault(r.Id), r.SortOrder)).ToList();
    }

    /// <summary>The first month a task owes a note for: its year's January, or the month it was put on the list if later.</summary>
    public static YearMonth TrackedFrom(int year, DateOnly addedOn)
    {
        var january = new YearMonth(year, 1);
        var added = YearMonth.FromDate(addedOn);
        return added > january ? added : january;
    }

    private static KeyTaskDto ToDto(Loaded k, DateOnly asOf, int noteDeadlineDay)
    {
        var verdict = KeyTaskRules.Evaluate(
            new KeyTaskFacts(k.Status, k.Deadline, TrackedFrom(k.Year, k.AddedOn), k.NoteMonths.Select(YearMonth.FromId).ToList()),
            asOf,
            noteDeadlineDay);
        return new KeyTaskDto(k.Id, k.Year, k.Section, k.Text, k.Metric, k.Quantity, k.Unit, k.ResponsibleUnits, k.Lead?.Name, k.SourceDocumentId, k.SourceDocument,
            k.Version, k.Lead, k.CoUnits, k.Deadline, KeyTaskRules.Name(k.Status), KeyTaskRules.Name(verdict.Status), KeyTaskRules.Slug(verdict.Status),
            verdict.Colour.ToString().ToLowerInvariant(), verdict.Overdue, verdict.Reason, verdict.MissingNote?.Id, k.Latest, k.NoteMonths.Count);
    }

    private static KeyTaskNoteDto Note(KeyTaskProgress p) => new(p.Id, p.Month, p.Text, KeyTaskRules.Name(p.Status), p.WrittenBy, p.WrittenAt, p.Version);
}
