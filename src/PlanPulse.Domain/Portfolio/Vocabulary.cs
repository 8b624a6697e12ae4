namespace PlanPulse.Domain.Portfolio;

/// <summary>Kinds of organisational unit that own, answer for or command projects.</summary>
public enum UnitType
{
    /// <summary>区级部门 (incl. park management committees).</summary>
    Department = 1,

    /// <summary>街镇.</summary>
    Town = 2,

    /// <summary>业主单位 (owner enterprise).</summary>
    Owner = 3,

    /// <summary>指挥部 (general or track command).</summary>
    Command = 4,
}

/// <summary>Where a project stands in its life; 储备 → 前期 → 新开工 → 续建 → 竣工 → 投产.</summary>
public enum Phase
{
    Reserve = 1,
    Preparation = 2,
    NewStart = 3,
    Continuing = 4,
    Completion = 5,
    Operation = 6,
}

/// <summary>Whether a project is still being built and reported. Closed projects keep their history.</summary>
public enum ProjectStatus
{
    Open = 1,

    /// <summary>建成 / 已完成: closed because it is done.</summary>
    Completed = 2,

    /// <summary>撤销: closed without being built (dropped, merged, moved to another district).</summary>
    Cancelled = 3,
}

/// <summary>
/// The colour of a project or unit. Order is severity: a higher value is worse, and the worst rule that fires
/// decides. Grey (report missing at the deadline) is the worst because nothing else can then be trusted.
/// </summary>
public enum Colour
{
    Blue = 0,
    Green = 1,
    Yellow = 2,
    Red = 3,
    Grey = 4,
}

/// <summary>Milestones a plan schedules and a monthly report records. 入库 is statistics registration (纳统).</summary>
public enum MilestoneKind
{
    Start = 1,
    Registered = 2,
    MainStructure = 3,
    Completion = 4,
    Operation = 5,
}

public enum ProblemCategory
{
    Land = 1,
    Environment = 2,
    Funding = 3,
    Approval = 4,
    Relocation = 5,
    Other = 9,
}

/// <summary>Who a problem has been escalated to: the responsible unit, a track command, the general command.</summary>
public enum EscalationLevel
{
    Unit = 1,
    TrackCommand = 2,
    GeneralCommand = 3,
}

public enum ProblemStatus
{
    Open = 1,
    Resolved = 2,
}

public enum ReportStatus
{
    Draft = 1,
    Submitted = 2,
    Approved = 3,
    Returned = 4,
}

/// <summary>Chinese display names; the glossary (docs/glossary.md) lists the same terms.</summary>
public static class Names
{
    public static string Of(UnitType t) => t switch
    {
        UnitType.Department => "部门",
        UnitType.Town => "街镇",
        UnitType.Owner => "业主单位",
        UnitType.Command => "指挥部",
        _ => t.ToString(),
    };

    public static string Of(ProjectStatus s) => s switch
    {
        ProjectStatus.Open => "在建/在库",
        ProjectStatus.Completed => "已完成",
        ProjectStatus.Cancelled => "已撤销",
        _ => s.ToString(),
    };

    public static string Of(Phase p) => p switch
    {
        Phase.Reserve => "储备",
        Phase.Preparation => "前期",
        Phase.NewStart => "新开工",
        Phase.Continuing => "续建",
        Phase.Completion => "竣工",
        Phase.Operation => "投产",
        _ => p.ToString(),
    };

    public static string Of(Colour c) => c switch
    {
        Colour.Blue => "蓝",
        Colour.Green => "绿",
        Colour.Yellow => "黄",
        Colour.Red => "红",
        Colour.Grey => "灰",
        _ => c.ToString(),
    };

    public static string Of(MilestoneKind k) => k switch
    {
        MilestoneKind.Start => "开工",
        MilestoneKind.Registered => "入库纳统",
        MilestoneKind.MainStructure => "主体完工",
        MilestoneKind.Completion => "竣工",
        MilestoneKind.Operation => "投产",
        _ => k.ToString(),
    };

    public static string Of(ProblemCategory c) => c switch
    {
        ProblemCategory.Land => "用地",
        ProblemCategory.Environment => "环评",
        ProblemCategory.Funding => "资金",
        ProblemCategory.Approval => "审批",
        ProblemCategory.Relocation => "征拆",
        ProblemCategory.Other => "其他",
        _ => c.ToString(),
    };

    public static string Of(EscalationLevel l) => l switch
    {
        EscalationLevel.Unit => "责任单位",
        EscalationLevel.TrackCommand => "专项指挥部",
        EscalationLevel.GeneralCommand => "总指挥部",
        _ => l.ToString(),
    };

    public static string Of(ProblemStatus s) => s switch
    {
        ProblemStatus.Open => "未解决",
        ProblemStatus.Resolved => "已解决",
        _ => s.ToString(),
    };

    public static string Of(ReportStatus s) => s switch
    {
        ReportStatus.Draft => "草稿",
        ReportStatus.Submitted => "已报送",
        ReportStatus.Approved => "已审核",
        ReportStatus.Returned => "已退回",
        _ => s.ToString(),
    };
}
