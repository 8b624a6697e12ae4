using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.PlanDocuments;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Extraction;
using PlanPulse.Domain.Indicators;
using PlanPulse.Web;

namespace PlanPulse.Pages.PlanDocuments;

/// <summary>
/// One uploaded document: its text with every proposed fact's quote marked in place, beside the list of facts (or
/// tasks) to correct, accept or reject. Each action is its own small form with the record's version, so two reviewers
/// cannot overwrite each other; after an action the page reloads on the same place (post-redirect-get).
/// </summary>
[Authorize(Policy = Auth.OfficePolicy)]
public sealed class ReviewModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    /// <summary>The review form's value for "make a new indicator from this fact".</summary>
    public const string NewIndicator = "__new";

    public override bool ShowPeriodPicker => false;

    public PlanDocumentDto? Document { get; private set; }

    public IReadOnlyList<TextRun> Runs { get; private set; } = [];

    private Dictionary<int, string> _statusById = [];

    /// <summary>pending (default), accepted, rejected or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "pending";

    /// <summary>facts (default) or tasks.</summary>
    [BindProperty(SupportsGet = true)]
    public string Tab { get; set; } = "facts";

    public IReadOnlyList<CatalogueEntry> Catalogue { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    [BindProperty]
    public FactForm Fact { get; set; } = new();

    [BindProperty]
    public TaskForm Task { get; set; } = new();

    /// <summary>The proposal the last failed action was for; its card shows the errors and what was typed.</summary>
    public int? FailedId { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public string? Done { get; private set; }

    public int? DoneIndicatorId { get; private set; }

    public sealed class FactForm
    {
        public int Id { get; set; }

        public int Version { get; set; }

        public string? Metric { get; set; }

        public string? Value { get; set; }

        public string? Unit { get; set; }

        public string? Growth { get; set; }

        public string? Year { get; set; }

        public string? Kind { get; set; }

        public string? Qualifier { get; set; }

        /// <summary>A suggested indicator's code, <see cref="NewIndicator"/>, or "" to use <see cref="OtherCode"/>.</summary>
        public string? IndicatorCode { get; set; }

        public string? OtherCode { get; set; }

        public string? NewCode { get; set; }

        public string? Category { get; set; }

        public Direction? Direction { get; set; }

        public bool Replace { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class TaskForm
    {
        public int Id { get; set; }

        public int Version { get; set; }

        public string? Text { get; set; }

        public string? ResponsibleUnits { get; set; }

        public string? LeadUnitCode { get; set; }

        public List<string> CoUnitCodes { get; set; } = [];

        public string? Deadline { get; set; }
    }

    /// <summary>
    /// Cards per page: each pending card carries a whole edit form, so 150 made a 1 MB, 46,000-px page; 25 is a
    /// screenful or two of work and a page of about 200 KB. Bulk acceptance covers the certain facts anyway.
    /// </summary>
    public const int PageSize = 25;

    /// <summary>Page of cards, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int PageCount { get; private set; } = 1;

    private IEnumerable<T> Paged<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        PageCount = Math.Max(1, (list.Count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        return list.Skip((PageNumber - 1) * PageSize).Take(PageSize);
    }

    public IEnumerable<ProposedFactDto> ShownFacts => Document is null ? [] : Paged(Document.Facts.Where(f => Status == "all" || f.Status == Status || f.Id == FailedId));

    public IEnumerable<ProposedTaskDto> ShownTasks => Document is null ? [] : Paged(Document.Tasks.Where(t => Status == "all" || t.Status == Status || t.Id == FailedId));

    public async Task<IActionResult> OnGetAsync(int id, string? done, int? indicator, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Done = done switch
        {
            "accepted" => "已采纳",
            "rejected" => "已驳回",
            "reopened" => "已退回待审",
            _ => null,
        };
        DoneIndicatorId = indicator;
        return Page();
    }

    public Task<IActionResult> OnPostAcceptFactAsync(int id, CancellationToken ct) => RunAsync(id, Fact.Id, async () =>
    {
        var f = Fact;
        var isNew = f.IndicatorCode == NewIndicator;
        var code = string.IsNullOrWhiteSpace(f.IndicatorCode) || isNew ? f.OtherCode : f.IndicatorCode;
        var edit = new FactEdit(f.Metric, f.Value ?? "", f.Unit ?? "", f.Growth ?? "", f.Qualifier ?? "", f.Year, f.Kind);
        var done = await ReviewPlanDocument.AcceptFactAsync(db,
            new AcceptFactCommand(f.Id, f.Version, code, isNew ? new NewIndicatorInput(f.NewCode, f.Category, f.Direction) : null, edit, f.Replace),
            User.Identity!.Name!, clock, ct);
        return ("accepted", done.IndicatorId);
    });

    /// <summary>Accept every pending fact whose indicator is certain (same name, same unit); the rest stay for a person.</summary>
    public async Task<IActionResult> OnPostAcceptMatchingAsync(int id, bool? create, CancellationToken ct)
    {
        try
        {
            Bulk = await ReviewPlanDocument.AcceptMatchingAsync(db, id, User.Identity!.Name!, clock, create ?? false, ct);
        }
        catch (ValidationFailedException)
        {
            return NotFound();
        }

        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        return Page();
    }

    public BulkAcceptResult? Bulk { get; private set; }

    public Task<IActionResult> OnPostRejectFactAsync(int id, CancellationToken ct) => RunAsync(id, Fact.Id, async () =>
    {
        await ReviewPlanDocument.RejectFactAsync(db, Fact.Id, Fact.Version, Fact.Reason, User.Identity!.Name!, clock, ct);
        return ("rejected", null);
    });

    public Task<IActionResult> OnPostReopenFactAsync(int id, CancellationToken ct) => RunAsync(id, Fact.Id, async () =>
    {
        await ReviewPlanDocument.ReopenFactAsync(db, Fact.Id, Fact.Version, User.Identity!.Name!, clock, ct);
        return ("reopened", null);
    });

    public Task<IActionResult> OnPostAcceptTaskAsync(int id, CancellationToken ct) => RunAsync(id, Task.Id, async () =>
    {
        await ReviewPlanDocument.AcceptTaskAsync(db, new AcceptTaskCommand(Task.Id, Task.Version, Task.Text, Task.ResponsibleUnits ?? "", Task.LeadUnitCode, Task.CoUnitCodes, Task.Deadline), User.Identity!.Name!, clock, ct);
        return ("accepted", null);
    });

    public Task<IActionResult> OnPostRejectTaskAsync(int id, CancellationToken ct) => RunAsync(id, Task.Id, async () =>
    {
        await ReviewPlanDocument.RejectTaskAsync(db, Task.Id, Task.Version, User.Identity!.Name!, clock, ct);
        return ("rejected", null);
    });

    private async Task<IActionResult> RunAsync(int documentId, int itemId, Func<Task<(string Done, int? IndicatorId)>> action)
    {
        var ct = HttpContext.RequestAborted;
        try
        {
            var (done, indicator) = await action();
            var query = $"?tab={Uri.EscapeDataString(Tab)}&status={Uri.EscapeDataString(Status)}&p={PageNumber}&done={done}{(indicator is { } i ? $"&indicator={i}" : "")}";
            return Redirect($"/plan-documents/{documentId}{query}");
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors.ToDictionary(e => e.Key, e => e.Value);
        }
        catch (ConcurrencyConflictException ex)
        {
            Errors = new() { [""] = [ex.Message] };
        }

        db.ChangeTracker.Clear();
        FailedId = itemId;
        if (!await LoadAsync(documentId, ct))
        {
            return NotFound();
        }

        Response.StatusCode = 400;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Status = Status is "pending" or "accepted" or "rejected" or "all" ? Status : "pending";
        Tab = Tab == "tasks" ? "tasks" : "facts";
        if (await PlanDocumentQueries.GetAsync(db, id, ct) is not { } found)
        {
            return false;
        }

        Document = found.Dto;
        _statusById = Tab == "tasks"
            ? found.Dto.Tasks.ToDictionary(t => t.Id, t => t.Status)
            : found.Dto.Facts.ToDictionary(f => f.Id, f => f.Status);
        Runs = Tab == "tasks"
            ? TextMarks.Runs(found.Text, found.Dto.Tasks.Select(t => (t.Start, t.End, t.Id)))
            : TextMarks.Runs(found.Text, found.Dto.Facts.Select(f => (f.Start, f.End, f.Id)));
        Catalogue = found.Catalogue;
        Categories = await db.Indicators.AsNoTracking().Select(i => i.Category).Where(c => c != "").Distinct().OrderBy(c => c).ToListAsync(ct);
        Units = (await db.Units.AsNoTracking().Where(u => u.Type != Domain.Portfolio.UnitType.Owner).OrderBy(u => u.SortOrder).Select(u => new { u.Code, u.Name }).ToListAsync(ct))
            .Select(u => (u.Code, u.Name)).ToList();
        return true;
    }

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// The text with its marks, written as one string: the text is shown with its own line breaks (pre-wrap), so the
    /// template's indentation between runs must not reach it. Every run is HTML-encoded.
    /// </summary>
    public IHtmlContent TextHtml()
    {
        var html = new StringBuilder();
        var anchored = new HashSet<int>();
        foreach (var run in Runs)
        {
            if (run.Ids.Count == 0)
            {
                html.Append(Encoder.Encode(run.Text));
                continue;
            }

            foreach (var id in run.Ids.Where(anchored.Add))
            {
                html.Append("<span id=\"q-").Append(id).Append("\" class=\"q-anchor\"></span>");
            }

            html.Append("<mark class=\"q ").Append(MarkClass(run)).Append("\" data-ids=\"").Append(string.Join(' ', run.Ids)).Append("\">")
                .Append(Encoder.Encode(run.Text)).Append("</mark>");
        }

        return new HtmlString(html.ToString());
    }

    /// <summary>Errors for a field of the failed card ("" = the whole action).</summary>
    public IEnumerable<string> ErrorsFor(int id, params string[] fields) =>
        id == FailedId ? fields.SelectMany(f => Errors.TryGetValue(f, out var m) ? m : []) : [];

    /// <summary>How a run of text is marked: by the most pressing status of the proposals quoting it.</summary>
    public string MarkClass(TextRun run)
    {
        var list = run.Ids.Select(id => _statusById.GetValueOrDefault(id, "pending")).ToList();
        return list.Contains("pending") ? "q-pending" : list.Contains("accepted") ? "q-accepted" : "q-rejected";
    }
}
