using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Tasks;
using PlanPulse.Domain.Text;

namespace PlanPulse.App.Features.KeyTasks;

/// <summary>
/// A key task as the plan office types it. Numbers and dates as text, so a form's and a sheet's input reach one
/// parser (全角 digits, 2023/6/30). Null leaves a field as it is on an edit; on a create, blank is blank.
/// </summary>
public sealed record KeyTaskInput(
    string? Text = null,
    string? Metric = null,
    string? Quantity = null,
    string? Unit = null,
    string? Section = null,
    string? LeadUnitCode = null,
    IReadOnlyList<string>? CoUnitCodes = null,
    string? Deadline = null,
    string? Status = null,
    string? ResponsibleUnits = null);

public sealed record CreateKeyTaskCommand(int Year, KeyTaskInput Input);

public sealed record UpdateKeyTaskCommand(int Id, int Version, KeyTaskInput Input);

/// <param name="Month">yyyy-MM or yyyyMM.</param>
/// <param name="NoteVersion">The version of the month's note when it is being rewritten; null for a month without one.</param>
public sealed record WriteProgressCommand(int KeyTaskId, string? Month, string? Text, string? Status, int? NoteVersion);

public sealed record KeyTaskSaved(int Id, int Version);

public sealed record ProgressSaved(int KeyTaskId, int NoteId, int Month, int NoteVersion, string Status);

/// <summary>
/// Changes to the key-task list. The plan office creates and edits tasks (version-checked: a stale edit is refused);
/// the lead unit writes the month's progress note, one per task and month, and may report the status with it. A unit
/// writes only the tasks its data scope covers (the lead unit's path under the user's unit, as for projects); office
/// roles see everything and may write any. Errors are keyed by field, in Chinese; nothing is saved on an error.
/// </summary>
public static class KeyTaskCommands
{
    public const int TextMax = 2000;

    /// <summary>Whether <paramref name="scope"/> may write a task led by the unit at <paramref name="leadUnitPath"/>.</summary>
    public static bool CanWrite(DataScope scope, string? leadUnitPath) =>
        scope.All || (scope.UnitPath is { Length: > 0 } mine && leadUnitPath is not null && leadUnitPath.StartsWith(mine, StringComparison.Ordinal));

    public static async Task<KeyTaskSaved> CreateAsync(AppDbContext db, CreateKeyTaskCommand c, TimeProvider clock, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (c.Year is < 2000 or > 2100)
        {
            errors.Add("year", "请指定年份(2000–2100)");
        }

        var task = new KeyTask { Year = c.Year, Text = "", Metric = "", AddedOn = KeyTaskQueries.Today(clock) };
        await ApplyAsync(db, task, c.Input, creating: true, errors, ct);
        errors.ThrowIfAny(db);
        task.SortOrder = (await db.KeyTasks.Where(k => k.Year == c.Year).Select(k => (int?)k.SortOrder).MaxAsync(ct) ?? 0) + 1;
        db.KeyTasks.Add(task);
        await SaveAsync(db, ct);
        return new KeyTaskSaved(task.Id, task.Version);
    }

    public static async Task<KeyTaskSaved> UpdateAsync(AppDbContext db, UpdateKeyTaskCommand c, CancellationToken ct = default)
    {
        var task = await db.KeyTasks.Include(k => k.CoUnits).FirstOrDefaultAsync(k => k.Id == c.Id, ct)
            ?? throw Invalid("keyTask", $"没有编号为 {c.Id} 的重点任务");
        if (task.Version != c.Version)
        {
            throw Stale(task.Version);
        }

        var errors = new Errors();
        await ApplyAsync(db, task, c.Input, creating: false, errors, ct);
        errors.ThrowIfAny(db);
        await SaveAsync(db, ct);
        return new KeyTaskSaved(task.Id, task.Version);
    }

    public static async Task<ProgressSaved> WriteProgressAsync(AppDbContext db, WriteProgressCommand c, string user, TimeProvider clock, CancellationToken ct = default)
    {
        var task = await db.KeyTasks.Include(k => k.LeadUnit).FirstOrDefaultAsync(k => k.Id == c.KeyTaskId, ct)
            ?? throw Invalid("keyTask", $"没有编号为 {c.KeyTaskId} 的重点任务");
        if (task.LeadUnit is null)
        {
            throw Invalid("keyTask", "该任务尚未指定牵头单位,请计划科先指定牵头单位");
        }

        if (!CanWrite(db.Scope, task.LeadUnit.Path))
        {
            throw Invalid("keyTask", $"只能填写本单位牵头任务的进展;该任务的牵头单位是{task.LeadUnit.Name}");
        }

        var errors = new Errors();
        var today = KeyTaskQueries.Today(clock);
        var current = YearMonth.FromDate(today);
        YearMonth month = default;
        if (string.IsNullOrWhiteSpace(c.Month) || !YearMonth.TryParse(Chinese.NarrowForms(c.Month.Trim()), out month))
        {
            errors.Add("month", string.IsNullOrWhiteSpace(c.Month) ? "请选择进展所属月份" : $"月份格式应为 yyyy-MM,收到“{c.Month.Trim()}”");
        }
        else if (month > current)
        {
            errors.Add("month", $"{month.ToChinese()}尚未到来,不能填写进展");
        }
        else if (month.Year < task.Year)
        {
            errors.Add("month", $"该任务属于{task.Year}年,不能填写{month.ToChinese()}的进展");
        }

        var text = c.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("text", "请填写本月进展情况");
        }
        else if (text.Length > TextMax)
        {
            errors.Add("text", $"进展情况最多{TextMax}字,收到{text.Length}字");
        }

        var status = task.Status;
        if (!string.IsNullOrWhiteSpace(c.Status) && !KeyTaskRules.TryParseStatus(c.Status, out status))
        {
            errors.Add("status", $"未知状态“{c.Status.Trim()}”(未启动/推进中/已完成/滞后)");
        }

        errors.ThrowIfAny(db);
        var note = await db.KeyTaskProgress.FirstOrDefaultAsync(p => p.KeyTaskId == task.Id && p.Month == month.Id, ct);
        if (note is null && c.NoteVersion is not null)
        {
            // The page the user wrote from showed a note that has since gone: not the state they meant to change.
            throw Stale(0);
        }

        if (note is not null && note.Version != c.NoteVersion)
        {
            throw new ConcurrencyConflictException(
                $"{month.ToChinese()}的进展已由{note.WrittenBy}填写(当前版本 {note.Version}),请刷新后在其基础上修改", note.Version);
        }

        var at = clock.GetUtcNow().UtcDateTime;
        if (note is null)
        {
            note = new KeyTaskProgress { KeyTaskId = task.Id, Month = month.Id, Text = text, Status = status, WrittenBy = user, WrittenAt = at };
            db.KeyTaskProgress.Add(note);
        }
        else
        {
            note.Text = text;
            note.Status = status;
            note.WrittenBy = user;
            note.WrittenAt = at;
        }

        // The note's status is the unit's report of the task: the latest month's report is the task's status.
        var latest = await db.KeyTaskProgress.Where(p => p.KeyTaskId == task.Id && p.Month > month.Id).AnyAsync(ct);
        if (!latest)
        {
            task.Status = status;
        }

        await SaveAsync(db, ct);
        return new ProgressSaved(task.Id, note.Id, note.Month, note.Version, KeyTaskRules.Name(note.Status));
    }

    private static async Task ApplyAsync(AppDbContext db, KeyTask task, KeyTaskInput input, bool creating, Errors errors, CancellationToken ct)
    {
        if (input.Text is not null || creating)
        {
            var text = input.Text?.Trim() ?? "";
            if (text.Length == 0)
            {
                errors.Add("text", "请填写任务内容");
            }
            else if (text.Length > TextMax)
            {
                errors.Add("text", $"任务内容最多{TextMax}字,收到{text.Length}字");
            }
            else
            {
                task.Text = text;
            }
        }

        if (input.Metric is not null)
        {
            task.Metric = Clip(input.Metric.Trim(), 200, "metric", "指标", errors) ?? task.Metric;
        }

        if (input.Section is not null)
        {
            task.Section = Clip(input.Section.Trim(), 100, "section", "章节", errors) ?? task.Section;
        }

        if (input.Unit is not null)
        {
            var unit = Chinese.Normalize(input.Unit).Trim();
            task.Unit = unit.Length == 0 ? null : Clip(unit, 32, "unit", "计量单位", errors) ?? task.Unit;
        }

        if (input.Quantity is not null)
        {
            if (string.IsNullOrWhiteSpace(input.Quantity))
            {
                task.Quantity = null;
            }
            else
            {
                var parse = AmountText.ParseNumber(input.Quantity);
                if (!parse.Ok)
                {
                    errors.Add("quantity", $"目标值{parse.Message}");
                }
                else
                {
                    task.Quantity = parse.Value;
                }
            }
        }

        if (input.Deadline is not null)
        {
            if (string.IsNullOrWhiteSpace(input.Deadline))
            {
                task.Deadline = null;
            }
            else if (ParseDate(input.Deadline) is { } d)
            {
                if (d.Year < task.Year || d.Year > task.Year + 5)
                {
                    errors.Add("deadline", $"完成时限{d:yyyy-MM-dd}应在{task.Year}年至{task.Year + 5}年之间");
                }
                else
                {
                    task.Deadline = d;
                }
            }
            else
            {
                errors.Add("deadline", $"完成时限“{input.Deadline.Trim()}”不是日期,请写作 {task.Year}-06-30");
            }
        }

        if (input.Status is not null)
        {
            if (KeyTaskRules.TryParseStatus(input.Status, out var s))
            {
                task.Status = s;
            }
            else if (!string.IsNullOrWhiteSpace(input.Status))
            {
                errors.Add("status", $"未知状态“{input.Status.Trim()}”(未启动/推进中/已完成/滞后)");
            }
        }

        Unit? lead = null;
        if (input.LeadUnitCode is not null)
        {
            var code = input.LeadUnitCode.Trim();
            if (code.Length == 0)
            {
                task.LeadUnitId = null;
            }
            else
            {
                lead = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, ct);
                if (lead is null)
                {
                    errors.Add("leadUnitCode", $"未知单位“{code}”");
                }
                else
                {
                    task.LeadUnitId = lead.Id;
                }
            }
        }
        else if (task.LeadUnitId is { } leadId)
        {
            lead = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == leadId, ct);
        }

        List<Unit>? coUnits = null;
        if (input.CoUnitCodes is not null)
        {
            var codes = input.CoUnitCodes.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            coUnits = (await db.Units.AsNoTracking().Where(u => EF.Parameter(codes).Contains(u.Code)).ToListAsync(ct)).OrderBy(u => codes.IndexOf(u.Code)).ToList();
            var unknown = codes.Except(coUnits.Select(u => u.Code), StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                errors.Add("coUnitCodes", $"未知单位“{string.Join("、", unknown)}”");
            }

            if (lead is not null && coUnits.Any(u => u.Id == lead.Id))
            {
                errors.Add("coUnitCodes", $"{lead.Name}已是牵头单位,不必再列为配合单位");
            }

            if (!errors.Any)
            {
                task.CoUnits.RemoveAll(x => !coUnits.Any(u => u.Id == x.UnitId));
                foreach (var u in coUnits.Where(u => !task.CoUnits.Any(x => x.UnitId == u.Id)))
                {
                    task.CoUnits.Add(new KeyTaskCoUnit { UnitId = u.Id });
                }
            }
        }

        if (input.ResponsibleUnits is not null)
        {
            var text = input.ResponsibleUnits.Trim();
            task.ResponsibleUnits = text.Length == 0 ? null : Clip(text, 500, "responsibleUnits", "责任单位", errors);
        }
        else if ((input.LeadUnitCode is not null || input.CoUnitCodes is not null) && lead is not null && coUnits is not null)
        {
            // Typed without a 责任单位 text: the units picked are the responsible units, lead first.
            task.ResponsibleUnits = string.Join("、", coUnits.Select(u => u.Name).Prepend(lead.Name));
        }
        else if (creating && lead is not null)
        {
            task.ResponsibleUnits = lead.Name;
        }

        if (creating && task.LeadUnitId is null && !errors.Any)
        {
            errors.Add("leadUnitCode", "请选择牵头单位");
        }
    }

    /// <summary>2023-06-30, 2023/6/30, 2023.6.30, 2023年6月30日 (full-width digits too).</summary>
    public static DateOnly? ParseDate(string text)
    {
        var t = Chinese.NarrowForms(text.Trim()).Replace('/', '-').Replace('.', '-').Replace("年", "-", StringComparison.Ordinal)
            .Replace("月", "-", StringComparison.Ordinal).Replace("日", "", StringComparison.Ordinal).TrimEnd('-');
        return DateOnly.TryParseExact(t, ["yyyy-M-d", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    private static string? Clip(string value, int max, string field, string label, Errors errors)
    {
        if (value.Length > max)
        {
            errors.Add(field, $"{label}最多{max}字,收到{value.Length}字");
            return null;
        }

        return value;
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("已被他人同时修改,请刷新后再操作", 0);
        }
        catch (DbUpdateException)
        {
            // The unique (task, month) index: someone wrote the same month's note at the same moment.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("该月进展刚被他人填写,请刷新后在其基础上修改", 0);
        }
    }

    private static ConcurrencyConflictException Stale(int current) => new($"该任务已被他人修改(当前版本 {current}),请刷新后再操作", current);

    private static ValidationFailedException Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Field → messages, thrown as one <see cref="ValidationFailedException"/> after the tracker is cleared.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

        public bool Any => _byField.Count > 0;

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var list))
            {
                _byField[field] = list = [];
            }

            list.Add(message);
        }

        public void ThrowIfAny(AppDbContext db)
        {
            if (_byField.Count > 0)
            {
                db.ChangeTracker.Clear();
                throw new ValidationFailedException(_byField.ToDictionary(e => e.Key, e => e.Value.ToArray()));
            }
        }
    }
}
