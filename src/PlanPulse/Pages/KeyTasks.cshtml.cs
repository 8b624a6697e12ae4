using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.KeyTasks;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Tasks;
using PlanPulse.Web;

namespace PlanPulse.Pages;

/// <summary>
/// The year's key-task responsibility list (重点任务清单) as of the month picked: each task's colour and status by
/// <see cref="KeyTaskRules"/>, filters by unit, status and overdue; the plan office adds and edits tasks, the lead
/// unit writes the month's progress. The page binds and calls <see cref="KeyTaskCommands"/>; errors come back on
/// the form that caused them, with status 400.
/// </summary>
public sealed class KeyTasksModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    public override IEnumerable<string> PeriodCarry => ["unit", "status", "overdue"];

    public DateOnly AsOf { get; private set; }

    /// <summary>The year's tasks after the filters.</summary>
    public IReadOnlyList<KeyTaskDto> Tasks { get; private set; } = [];

    /// <summary>Counts over the whole year's list (not the filtered rows), so the filter links show what they lead to.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public int Total { get; private set; }

    public int OverdueCount { get; private set; }

    public IReadOnlyList<UnitRef> Units { get; private set; } = [];

    public int? UnitFilter { get; private set; }

    public string? StatusFilter { get; private set; }

    public bool? OverdueFilter { get; private set; }

    public string? FilterError { get; private set; }

    /// <summary>The task whose edit form is open (?edit=), or the one being created when 0.</summary>
    public KeyTaskDto? Editing { get; private set; }

    /// <summary>The task whose progress form is open (?progress=).</summary>
    public KeyTaskDetailDto? Reporting { get; private set; }

    /// <summary>Null: may write every task's progress; else the lead units whose tasks the user may write.</summary>
    public IReadOnlySet<int>? WritableUnits { get; private set; }

    public bool IsOffice => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.PlanOffice);

    public bool IsWriter => IsOffice || User.IsInRole(Roles.Command) || User.IsInRole(Roles.Reporter) || User.IsInRole(Roles.Commissioner);

    public string? Saved { get; private set; }

    /// <summary>Errors of the last post, by field ("" for the form as a whole).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public TaskForm Form { get; set; } = new();

    [BindProperty]
    public ProgressForm Note { get; set; } = new();

    public sealed class TaskForm
    {
        public int Id { get; set; }

        public int Version { get; set; }

        public string? Text { get; set; }

        public string? Section { get; set; }

        public string? Metric { get; set; }

        public string? Quantity { get; set; }

        public string? Unit { get; set; }

        public string? LeadUnitCode { get; set; }

        public List<string> CoUnitCodes { get; set; } = [];

        public string? Deadline { get; set; }

        public string? Status { get; set; }
    }

    public sealed class ProgressForm
    {
        public int TaskId { get; set; }

        public string? Month { get; set; }

        public string? Text { get; set; }

        public string? Status { get; set; }

        public int? NoteVersion { get; set; }
    }

    public bool CanWrite(KeyTaskDto t) => IsWriter && t.Lead is { } lead && (WritableUnits is null || WritableUnits.Contains(lead.Id));

    /// <summary>Unit names as the list writes them (data, shown inside lang="zh-CN").</summary>
    public static string Names(IEnumerable<UnitRef> units) => string.Join("、", units.Select(u => u.Name));

    public string[] ErrorsFor(string field) => Errors.TryGetValue(field, out var e) ? e : [];

    public async Task<IActionResult> OnGetAsync(int? year, int? month, string? unit, string? status, string? overdue, int? edit, int? progress, string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(year, month, unit, status, overdue, ct))
        {
            return Page();
        }

        Saved = saved switch { "created" => "已新增重点任务", "edited" => "已保存修改", "progress" => "已保存本月进展", _ => null };
        if (edit is { } e && IsOffice)
        {
            await OpenEditAsync(e, ct);
        }

        if (progress is { } p)
        {
            await OpenProgressAsync(p, null, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(int? year, int? month, CancellationToken ct)
    {
        if (!IsOffice)
        {
            return Forbid();
        }

        return await RunAsync(year, month, "created", Form.Id, async () =>
            await KeyTaskCommands.CreateAsync(db, new CreateKeyTaskCommand(Period.Year, Input()), clock, ct), ct);
    }

    public async Task<IActionResult> OnPostEditAsync(int? year, int? month, CancellationToken ct)
    {
        if (!IsOffice)
        {
            return Forbid();
        }

        return await RunAsync(year, month, "edited", Form.Id, async () =>
            await KeyTaskCommands.UpdateAsync(db, new UpdateKeyTaskCommand(Form.Id, Form.Version, Input()), ct), ct);
    }

    public async Task<IActionResult> OnPostProgressAsync(int? year, int? month, CancellationToken ct)
    {
        if (!IsWriter)
        {
            return Forbid();
        }

        if (!await LoadAsync(year, month, null, null, null, ct))
        {
            return Page();
        }

        try
        {
            await KeyTaskCommands.WriteProgressAsync(db, new WriteProgressCommand(Note.TaskId, Note.Month, Note.Text, Note.Status, Note.NoteVersion), User.Identity!.Name!, clock, ct);
            return Redirect($"/key-tasks?year={Period.Year}&month={Period.Month}&saved=progress#task-{Note.TaskId}");
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
        catch (ConcurrencyConflictException ex)
        {
            Errors = new Dictionary<string, string[]> { [""] = [ex.Message] };
        }

        db.ChangeTracker.Clear();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await OpenProgressAsync(Note.TaskId, Note, ct);
        return Page();
    }

    private async Task<IActionResult> RunAsync(int? year, int? month, string done, int id, Func<Task<KeyTaskSaved>> action, CancellationToken ct)
    {
        if (!await LoadAsync(year, month, null, null, null, ct))
        {
            return Page();
        }

        try
        {
            var saved = await action();
            return Redirect($"/key-tasks?year={Period.Year}&month={Period.Month}&saved={done}#task-{saved.Id}");
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
        catch (ConcurrencyConflictException ex)
        {
            Errors = new Dictionary<string, string[]> { [""] = [ex.Message] };
        }

        db.ChangeTracker.Clear();
        Response.StatusCode = StatusCodes.Status400BadRequest;

        // The form comes back as typed, open, with its errors.
        var current = id > 0 ? Tasks.FirstOrDefault(t => t.Id == id) : null;
        Editing = current ?? Blank();
        return Page();
    }

    private KeyTaskInput Input() => new(Form.Text ?? "", Form.Metric ?? "", Form.Quantity ?? "", Form.Unit ?? "", Form.Section ?? "",
        Form.LeadUnitCode ?? "", Form.CoUnitCodes, Form.Deadline ?? "", Form.Status ?? "");

    private async Task<bool> LoadAsync(int? year, int? month, string? unit, string? status, string? overdue, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return false;
        }

        if (!string.IsNullOrWhiteSpace(unit))
        {
            if (int.TryParse(unit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var u))
            {
                UnitFilter = u;
            }
            else
            {
                FilterError = $"单位应为单位编号,收到“{unit}”";
            }
        }

        KeyTaskStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (KeyTaskRules.TryParseStatus(status, out var parsed))
            {
                s = parsed;
                StatusFilter = KeyTaskRules.Slug(parsed);
            }
            else
            {
                FilterError = $"未知状态:{status}";
            }
        }

        if (!string.IsNullOrWhiteSpace(overdue))
        {
            if (bool.TryParse(overdue, out var o))
            {
                OverdueFilter = o;
            }
            else
            {
                FilterError = $"overdue 应为 true 或 false,收到“{overdue}”";
            }
        }

        if (FilterError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        AsOf = await KeyTaskQueries.AsOfAsync(db, Period, clock, ct);
        var all = await KeyTaskQueries.ListAsync(db, Period.Year, AsOf, null, ct);
        Total = all.Count;
        OverdueCount = all.Count(t => t.Overdue);
        Counts = Enum.GetValues<KeyTaskStatus>().ToDictionary(x => KeyTaskRules.Slug(x), x => all.Count(t => t.StatusKey == KeyTaskRules.Slug(x)));
        Tasks = all.Where(t => (UnitFilter is not { } uf || t.Lead?.Id == uf || t.CoUnits.Any(c => c.Id == uf))
                && (s is not { } sf || t.StatusKey == KeyTaskRules.Slug(sf))
                && (OverdueFilter is not { } of || t.Overdue == of))
            .ToList();
        Units = await KeyTaskQueries.UnitsAsync(db, ct);
        WritableUnits = await KeyTaskQueries.WritableUnitsAsync(db, db.Scope, ct);
        return true;
    }

    private Task OpenEditAsync(int id, CancellationToken ct)
    {
        Editing = id == 0 ? Blank() : Tasks.FirstOrDefault(t => t.Id == id);
        if (Editing is { Id: > 0 } t)
        {
            Form = new TaskForm
            {
                Id = t.Id,
                Version = t.Version,
                Text = t.Text,
                Section = t.Section,
                Metric = t.Metric,
                Quantity = t.Quantity?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
                Unit = t.Unit,
                LeadUnitCode = t.Lead?.Code,
                CoUnitCodes = t.CoUnits.Select(c => c.Code).ToList(),
                Deadline = t.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Status = KeyTaskRules.TryParseStatus(t.RecordedStatus, out var rs) ? KeyTaskRules.Slug(rs) : null,
            };
        }

        return Task.CompletedTask;
    }

    private async Task OpenProgressAsync(int id, ProgressForm? typed, CancellationToken ct)
    {
        Reporting = await KeyTaskQueries.GetAsync(db, id, AsOf, ct);
        if (Reporting is null)
        {
            return;
        }

        if (typed is not null)
        {
            Note = typed;
            return;
        }

        // The month shown is the month the page is for; its note, if written, is opened for rewriting.
        var existing = Reporting.Notes.FirstOrDefault(n => n.Month == Period.Id);
        Note = new ProgressForm
        {
            TaskId = id,
            Month = $"{Period.Year:0000}-{Period.Month:00}",
            Text = existing?.Text,
            Status = KeyTaskRules.TryParseStatus(existing?.Status ?? Reporting.Task.RecordedStatus, out var s) ? KeyTaskRules.Slug(s) : null,
            NoteVersion = existing?.Version,
        };
    }

    private KeyTaskDto Blank() => new(0, Period.Year, "", "", "", null, null, null, null, null, null, 0, null, [], null, "未启动", "未启动", "not-started", "green", false, "", null, null, 0);

    /// <summary>Route values of the current filters plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string> Route(params (string Key, string Value)[] extra)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var d = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["year"] = Period.Year.ToString(inv),
            ["month"] = Period.Month.ToString(inv),
        };
        if (UnitFilter is { } u)
        {
            d["unit"] = u.ToString(inv);
        }

        if (StatusFilter is { } s)
        {
            d["status"] = s;
        }

        if (OverdueFilter is { } o)
        {
            d["overdue"] = o ? "true" : "false";
        }

        foreach (var (k, v) in extra)
        {
            d[k] = v;
        }

        return d;
    }
}
