using PlanPulse.Domain.Indicators;

namespace PlanPulse.App.Data;

public enum PlanKind
{
    /// <summary>年度国民经济和社会发展计划.</summary>
    Annual = 1,

    /// <summary>五年规划 (十四五).</summary>
    FiveYear = 2,
}

/// <summary>A plan with its period: an annual plan (one year) or a five-year plan (baseline year + 5).</summary>
public sealed class DevelopmentPlan : IVersioned
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public PlanKind Kind { get; set; }

    public int StartYear { get; set; }

    public int EndYear { get; set; }

    public bool IsDemo { get; set; }

    public int Version { get; set; }
}

/// <summary>An indicator of the catalogue: what it measures and which way is good.</summary>
public sealed class Indicator : IVersioned
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>Unit of values: 亿元, 万元, %, 天, 万人次, 个…</summary>
    public string Unit { get; set; } = "";

    /// <summary>经济发展, 创新驱动, 民生福祉, 绿色生态, 安全保障…</summary>
    public string Category { get; set; } = "";

    public IndicatorKind Kind { get; set; }

    public Direction Direction { get; set; }

    public Nature Nature { get; set; }

    public bool Cumulative { get; set; }

    /// <summary>Responsible units as text (牵头单位), e.g. "区统计局、区发展改革委".</summary>
    public string? ResponsibleUnits { get; set; }

    /// <summary>
    /// When set, the indicator is kept from the project portfolio every month (项目库自动计算) instead of being reported:
    /// this measure of <see cref="MeasureList"/> (a list code; null = 年度重大建设项目), in <see cref="MeasureTrack"/> if set.
    /// </summary>
    public PlanPulse.Domain.Portfolio.PortfolioMeasure? Measure { get; set; }

    public string? MeasureList { get; set; }

    public string? MeasureTrack { get; set; }

    public int SortOrder { get; set; }

    public int Version { get; set; }
}

/// <summary>A plan's target for an indicator in a year, with the sentence it came from.</summary>
public sealed class IndicatorTarget : IVersioned
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public DevelopmentPlan? Plan { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int Year { get; set; }

    /// <summary>
    /// The area the target is for: "" for the plan's own area; a sub-area code (a town, or a district of a city's
    /// plan) when the plan sets targets per area.
    /// </summary>
    public string Region { get; set; } = "";

    public decimal? Value { get; set; }

    public decimal? GrowthPct { get; set; }

    public decimal? Upper { get; set; }

    public Qualifier Qualifier { get; set; }

    public decimal? StretchValue { get; set; }

    public decimal? StretchGrowthPct { get; set; }

    public decimal? Baseline { get; set; }

    public int? BaselineYear { get; set; }

    public string? SourceQuote { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// One value per indicator and period (DHIS2-style id: 2023, 2023Q2, 202306): the cumulative value since
/// 1 January and its year-on-year growth. A final figure replaces the preliminary one in the same row.
/// </summary>
public sealed class IndicatorObservation : IVersioned
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    /// <summary>The area the figure is for: "" for the plan's own area, else a sub-area code (see <see cref="IndicatorTarget.Region"/>).</summary>
    public string Region { get; set; } = "";

    /// <summary>Period id: "2023", "2023Q2" or "202306".</summary>
    public required string Period { get; set; }

    /// <summary>The month the period ends in (yyyymm), for ordering and "as of" queries.</summary>
    public int EndMonth { get; set; }

    public decimal? Value { get; set; }

    public decimal? GrowthPct { get; set; }

    public bool Final { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    /// <summary>The sentence of a report the figure was read from, when it came from one.</summary>
    public string? SourceQuote { get; set; }

    public bool IsDemo { get; set; }

    public int Version { get; set; }
}
