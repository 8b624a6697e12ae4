using PlanPulse.Domain.Tasks;

namespace PlanPulse.App.Data;

/// <summary>Where a proposal read from a plan document stands in review.</summary>
public enum ReviewStatus
{
    /// <summary>待审.</summary>
    Pending = 0,

    /// <summary>已采纳: written into the indicator figures or targets, or the key-task list.</summary>
    Accepted = 1,

    /// <summary>已驳回.</summary>
    Rejected = 2,
}

/// <summary>
/// An uploaded plan document (计划执行情况报告, 政府工作报告…) with the text it was read as: the proposals' offsets count
/// in <see cref="Text"/>, so the review page can show each quote in place. The file itself is not kept.
/// </summary>
public sealed class PlanDocument : IVersioned
{
    public int Id { get; set; }

    /// <summary>The uploaded file's name.</summary>
    public required string FileName { get; set; }

    /// <summary>The first non-empty line, usually the report's title.</summary>
    public required string Title { get; set; }

    public required string Text { get; set; }

    /// <summary>The plan year the document is about (its latest year: 2023 for the 2022 execution / 2023 plan report).</summary>
    public int? PlanYear { get; set; }

    public required string UploadedBy { get; set; }

    /// <summary>UTC.</summary>
    public DateTime UploadedAt { get; set; }

    public List<ProposedFact> Facts { get; set; } = [];

    public List<ProposedTask> Tasks { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>
/// A quantitative fact the extractor proposed, as the reviewer left it: the fields start as extracted and may be
/// corrected before acceptance (the audit trail keeps what was extracted). Accepting writes an indicator figure
/// (actual) or target (target) and links it here.
/// </summary>
public sealed class ProposedFact : IVersioned
{
    public int Id { get; set; }

    public int DocumentId { get; set; }

    public PlanDocument? Document { get; set; }

    /// <summary>Position in the document's list of facts (document order).</summary>
    public int Ordinal { get; set; }

    public required string Metric { get; set; }

    public decimal? Value { get; set; }

    public string? Unit { get; set; }

    public decimal? GrowthPct { get; set; }

    public int? Year { get; set; }

    /// <summary>"actual" or "target", as the extractor's JSON spells them; null when the document part is unknown.</summary>
    public string? Kind { get; set; }

    public string? Qualifier { get; set; }

    public required string Quote { get; set; }

    /// <summary>Offsets of <see cref="Quote"/> in the document's text, in code points (as the extractor counts).</summary>
    public int Start { get; set; }

    public int End { get; set; }

    public string Section { get; set; } = "";

    public ReviewStatus Status { get; set; }

    /// <summary>The indicator an accepted fact was written to.</summary>
    public int? IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string? RejectReason { get; set; }

    public int Version { get; set; }
}

/// <summary>A quantified commitment of the plan part, proposed for the year's key-task list (任务分解).</summary>
public sealed class ProposedTask : IVersioned
{
    public int Id { get; set; }

    public int DocumentId { get; set; }

    public PlanDocument? Document { get; set; }

    public int Ordinal { get; set; }

    public required string Text { get; set; }

    public required string Metric { get; set; }

    public decimal? Quantity { get; set; }

    public string? Unit { get; set; }

    public string Section { get; set; } = "";

    public int? Year { get; set; }

    /// <summary>Responsible units as the document names them (责任单位), joined with 、.</summary>
    public string? SubjectUnits { get; set; }

    public int Start { get; set; }

    public int End { get; set; }

    public ReviewStatus Status { get; set; }

    public int? KeyTaskId { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A row of a year's key-task responsibility list (重点任务责任清单): what is to be done, how much, and who answers for
/// it. Comes from an accepted proposal or is typed by the plan office.
/// </summary>
public sealed class KeyTask : IVersioned
{
    public int Id { get; set; }

    public int Year { get; set; }

    public required string Text { get; set; }

    public required string Metric { get; set; }

    public decimal? Quantity { get; set; }

    public string? Unit { get; set; }

    public string Section { get; set; } = "";

    /// <summary>责任单位 as text (several, 、-separated), as the plan office writes them.</summary>
    public string? ResponsibleUnits { get; set; }

    /// <summary>The lead unit (牵头单位) when it is one of the system's units.</summary>
    public int? LeadUnitId { get; set; }

    public Unit? LeadUnit { get; set; }

    public int? SourceDocumentId { get; set; }

    public PlanDocument? SourceDocument { get; set; }

    public int SortOrder { get; set; }

    /// <summary>完成时限: the day the task must be done by; null while the plan office has not set one.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>The status last recorded (by the plan office, or by the lead unit with its monthly note).</summary>
    public KeyTaskStatus Status { get; set; }

    /// <summary>
    /// The day the task was put on the list: months before it ask for no progress note (a task added in June is not
    /// behind for May).
    /// </summary>
    public DateOnly AddedOn { get; set; }

    /// <summary>配合单位: the units that work with the lead unit (from the unit table).</summary>
    public List<KeyTaskCoUnit> CoUnits { get; set; } = [];

    public List<KeyTaskProgress> Progress { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>A co-unit (配合单位) of a key task.</summary>
public sealed class KeyTaskCoUnit
{
    public int KeyTaskId { get; set; }

    public KeyTask? KeyTask { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }
}

/// <summary>
/// A month's progress note on a key task (月度进展), written by its lead unit: one per task and month; writing the month
/// again replaces the note (its version guards against overwriting someone else's), the audit trail keeps the old one.
/// </summary>
public sealed class KeyTaskProgress : IVersioned
{
    public int Id { get; set; }

    public int KeyTaskId { get; set; }

    public KeyTask? KeyTask { get; set; }

    /// <summary>yyyyMM, as monthly reports store months.</summary>
    public int Month { get; set; }

    public required string Text { get; set; }

    /// <summary>The status the unit reported with the note.</summary>
    public KeyTaskStatus Status { get; set; }

    public required string WrittenBy { get; set; }

    /// <summary>UTC.</summary>
    public DateTime WrittenAt { get; set; }

    public int Version { get; set; }
}
