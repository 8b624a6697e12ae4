using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Data;

/// <summary>Records a user may edit carry a version; a save with a stale version fails instead of overwriting.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>A department, town/street, owner enterprise or command. <see cref="Path"/> ("/1/7/") is the data-scope key.</summary>
public sealed class Unit : IVersioned
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitType Type { get; set; }

    public int? ParentId { get; set; }

    public Unit? Parent { get; set; }

    public string Path { get; set; } = "/";

    public int SortOrder { get; set; }

    /// <summary>The unit's report contact (填报联系人): who the plan office rings when a report is late.</summary>
    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary>停用: kept because projects, reports and audit entries refer to it, but offered nowhere new.</summary>
    public bool Deactivated { get; set; }

    /// <summary>Names the unit had before (曾用名), oldest first, so old briefings still read right.</summary>
    public string? FormerNames { get; set; }

    public int Version { get; set; }
}

public enum PersonRole
{
    /// <summary>责任领导.</summary>
    LeadOfficial = 1,

    /// <summary>服务专员.</summary>
    ServiceCommissioner = 2,
}

public sealed class Person : IVersioned
{
    public int Id { get; set; }

    /// <summary>人员编码: names repeat (two 王伟), so the workbook and imports key people by code.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public PersonRole Role { get; set; }

    public string? Title { get; set; }

    public int? UnitId { get; set; }

    public Unit? Unit { get; set; }

    public string? Phone { get; set; }

    public bool Deactivated { get; set; }

    public int Version { get; set; }
}

/// <summary>A track (专项) of a year's campaign, dispatched by one command.</summary>
public sealed class Track : IVersioned
{
    public int Id { get; set; }

    public int Year { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public int? CommandId { get; set; }

    public Unit? Command { get; set; }

    public int SortOrder { get; set; }

    /// <summary>Colour on charts and tables, "#RRGGBB"; null lets the chart pick.</summary>
    public string? Colour { get; set; }

    public bool Deactivated { get; set; }

    public int Version { get; set; }
}

/// <summary>A year's list of projects: 年度重大建设项目, 特别重大, 市级重大, 川渝共建, 民生实事…</summary>
public sealed class ProjectList : IVersioned
{
    public int Id { get; set; }

    public int Year { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public int SortOrder { get; set; }

    /// <summary>Colour on charts and tables, "#RRGGBB"; null lets the chart pick.</summary>
    public string? Colour { get; set; }

    public bool Deactivated { get; set; }

    public List<ProjectListEntry> Entries { get; set; } = [];

    public int Version { get; set; }
}

public sealed class ProjectListEntry
{
    public int ProjectListId { get; set; }

    public ProjectList? ProjectList { get; set; }

    public int ProjectId { get; set; }

    public Project? Project { get; set; }
}

public sealed class Project : IVersioned
{
    public int Id { get; set; }

    /// <summary>项目代码 (national project code or the district's own).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>建设内容.</summary>
    public string? Content { get; set; }

    public int? TrackId { get; set; }

    public Track? Track { get; set; }

    public Phase Phase { get; set; }

    public int? TownId { get; set; }

    public Unit? Town { get; set; }

    public int? OwnerId { get; set; }

    public Unit? Owner { get; set; }

    public int ResponsibleUnitId { get; set; }

    public Unit? ResponsibleUnit { get; set; }

    public int? LeadOfficialId { get; set; }

    public Person? LeadOfficial { get; set; }

    public int? CommissionerId { get; set; }

    public Person? Commissioner { get; set; }

    public int? CommandId { get; set; }

    public Unit? Command { get; set; }

    /// <summary>总投资, 万元.</summary>
    public decimal TotalInvestment { get; set; }

    public DateOnly? PlannedStart { get; set; }

    public DateOnly? PlannedFinish { get; set; }

    /// <summary>Funding split, 万元: 中央预算内, 地方政府专项债, 银行贷款, 企业自筹, 其他.</summary>
    public decimal FundCentralBudget { get; set; }

    public decimal FundSpecialBonds { get; set; }

    public decimal FundBankLoans { get; set; }

    public decimal FundSelfRaised { get; set; }

    public decimal FundOther { get; set; }

    /// <summary>Generated demo data, not a real project.</summary>
    public bool IsDemo { get; set; }

    /// <summary>Open, completed or cancelled. A closed project keeps its history and drops out of new years' lists.</summary>
    public ProjectStatus Status { get; set; } = ProjectStatus.Open;

    public DateOnly? ClosedOn { get; set; }

    /// <summary>Why it was closed or cancelled (关闭/撤销原因).</summary>
    public string? ClosedReason { get; set; }

    public List<ProjectListEntry> Lists { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>A project's plan for one year.</summary>
public sealed class AnnualPlan : IVersioned
{
    public int Id { get; set; }

    public int ProjectId { get; set; }

    public Project? Project { get; set; }

    public int Year { get; set; }

    /// <summary>年度计划投资, 万元.</summary>
    public decimal PlannedInvestment { get; set; }

    /// <summary>Investment completed before 1 January of the year (开工累计), 万元.</summary>
    public decimal CompletedBeforeYear { get; set; }

    /// <summary>
    /// The project's track in this year when it differs from <see cref="Project.TrackId"/> (the current one): set when a
    /// year is rolled over, so moving a project to another track later does not rewrite the years before.
    /// </summary>
    public int? TrackId { get; set; }

    /// <summary>Planned cumulative investment at the end of each month (12 values, 万元), or null.</summary>
    public decimal[]? MonthlyCumulative { get; set; }

    public List<PlannedMilestone> Milestones { get; set; } = [];

    public int Version { get; set; }
}

public sealed class PlannedMilestone
{
    public int Id { get; set; }

    public int AnnualPlanId { get; set; }

    public MilestoneKind Kind { get; set; }

    /// <summary>Month id (yyyymm) the milestone is due.</summary>
    public int DueMonth { get; set; }
}

/// <summary>A project's report for one month.</summary>
public sealed class MonthlyReport : IVersioned
{
    public int Id { get; set; }

    public int ProjectId { get; set; }

    public Project? Project { get; set; }

    /// <summary>Month id, yyyymm.</summary>
    public int Month { get; set; }

    /// <summary>Investment completed in the month, 万元; negative only as a correction with a note.</summary>
    public decimal Amount { get; set; }

    /// <summary>形象进度.</summary>
    public string? Progress { get; set; }

    public string? CorrectionNote { get; set; }

    public ReportStatus Status { get; set; }

    public string? SubmittedBy { get; set; }

    /// <summary>UTC. Compared with the month's deadline for lateness and for "as it stood" views.</summary>
    public DateTime? SubmittedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    /// <summary>Why the plan office returned the report (退回原因).</summary>
    public string? ReturnReason { get; set; }

    public int Version { get; set; }
}

/// <summary>A milestone a project reached, as reported in a month.</summary>
public sealed class ReachedMilestone
{
    public int Id { get; set; }

    public int ProjectId { get; set; }

    public Project? Project { get; set; }

    public MilestoneKind Kind { get; set; }

    public int Month { get; set; }

    /// <summary>UTC time it was recorded, so past months can be shown as they stood.</summary>
    public DateTime RecordedAt { get; set; }
}

public sealed class Problem : IVersioned
{
    public int Id { get; set; }

    public int ProjectId { get; set; }

    public Project? Project { get; set; }

    public required string Description { get; set; }

    public ProblemCategory Category { get; set; }

    public EscalationLevel Level { get; set; }

    public int OwnerUnitId { get; set; }

    public Unit? OwnerUnit { get; set; }

    public int RaisedMonth { get; set; }

    public DateOnly Deadline { get; set; }

    public ProblemStatus Status { get; set; }

    public DateOnly? ResolvedOn { get; set; }

    public string? Resolution { get; set; }

    public int Version { get; set; }
}

/// <summary>The rule set of a year, stored as JSON so an administrator can change thresholds and weights.</summary>
public sealed class RuleSetRecord : IVersioned
{
    public int Year { get; set; }

    public required string Json { get; set; }

    public int Version { get; set; }
}

/// <summary>A closed month: nothing in it changes until the plan office reopens it with a reason.</summary>
public sealed class MonthLock : IVersioned
{
    /// <summary>Month id, yyyymm.</summary>
    public int Month { get; set; }

    public required string LockedBy { get; set; }

    public DateTime LockedAt { get; set; }

    /// <summary>Reopened by the plan office; the month is open again until it is locked anew.</summary>
    public bool Reopened { get; set; }

    /// <summary>The reason given for the last lock or reopen.</summary>
    public string? Reason { get; set; }

    public int Version { get; set; }
}

/// <summary>Facts about the data set itself (e.g. that it is demo data).</summary>
public sealed class Setting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
