namespace PlanPulse.Domain.Extraction;

/// <summary>Whether a figure reports what happened (the execution part) or what is planned (the plan part).</summary>
public enum FactKind
{
    Actual,
    Target,
}

/// <summary>
/// One quantitative statement of a plan document. <see cref="Value"/> is null for a growth-only statement
/// (增长5.2%); <see cref="GrowthPct"/> is negative for 下降/减少/回落. <see cref="Start"/>/<see cref="End"/> are
/// character (code point) offsets into the original text with <c>text[Start..End] == Quote</c>.
/// </summary>
public sealed record PlanFact(
    string Metric,
    decimal? Value,
    string? Unit,
    decimal? GrowthPct,
    int? Year,
    FactKind? Kind,
    string? Qualifier,
    string Quote,
    int Start,
    int End,
    string Section);

/// <summary>A quantified commitment of the plan part: one row of the draft responsibility list (任务分解).</summary>
public sealed record PlanTask(
    string Text,
    string Metric,
    decimal? Quantity,
    string? Unit,
    string Section,
    int? Year,
    IReadOnlyList<string> SubjectUnits,
    int Start,
    int End);

public sealed record ExtractionResult(IReadOnlyList<PlanFact> Facts, IReadOnlyList<PlanTask> Tasks)
{
    public static readonly ExtractionResult Empty = new([], []);
}
