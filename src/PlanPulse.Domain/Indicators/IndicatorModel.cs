using PlanPulse.Domain.Periods;

namespace PlanPulse.Domain.Indicators;

/// <summary>What an indicator measures: a level (an amount or a count), a growth rate, or a share/ratio.</summary>
public enum IndicatorKind
{
    Level = 1,
    GrowthRate = 2,
    Share = 3,
    Count = 4,
}

/// <summary>Which way is good: higher (GDP), lower (energy intensity), or within a band (CPI).</summary>
public enum Direction
{
    HigherIsBetter = 1,
    LowerIsBetter = 2,
    WithinBand = 3,
}

/// <summary>预期性 guides the market; 约束性 must be met through administration and is red as soon as it is breached.</summary>
public enum Nature
{
    Expected = 1,
    Binding = 2,
}

/// <summary>How a target is stated: 以上/不低于 (≥), 左右 (≈), 以内/不超过 (≤), 突破/超过 (&gt;).</summary>
public enum Qualifier
{
    None = 0,
    AtLeast = 1,
    About = 2,
    AtMost = 3,
    Exceed = 4,
}

/// <summary>An indicator as the evaluation needs it.</summary>
public sealed record IndicatorDefinition
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public string Unit { get; init; } = "";

    public IndicatorKind Kind { get; init; } = IndicatorKind.Level;

    public Direction Direction { get; init; } = Direction.HigherIsBetter;

    public Nature Nature { get; init; } = Nature.Expected;

    /// <summary>Accumulates through the year (investment, output, retail sales); otherwise a point value (a share, a rate).</summary>
    public bool Cumulative { get; init; } = true;
}

/// <summary>
/// A year's target: a level value, a growth rate (percent), or both; a stretch target (力争) is kept apart.
/// For a band (<see cref="Direction.WithinBand"/>) the value is the lower bound and <see cref="Upper"/> the upper.
/// </summary>
public sealed record Target
{
    public decimal? Value { get; init; }

    public decimal? GrowthPct { get; init; }

    public decimal? Upper { get; init; }

    public Qualifier Qualifier { get; init; }

    public decimal? StretchValue { get; init; }

    public decimal? StretchGrowthPct { get; init; }

    /// <summary>Previous year's actual, the base of a growth target.</summary>
    public decimal? Baseline { get; init; }
}

/// <summary>One observation: the cumulative value since 1 January to the end of the month and its year-on-year growth.</summary>
public sealed record Observation(YearMonth Month, decimal? Value, decimal? GrowthPct, bool Final = false);
