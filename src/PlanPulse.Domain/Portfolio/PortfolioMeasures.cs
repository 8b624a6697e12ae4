namespace PlanPulse.Domain.Portfolio;

/// <summary>A figure the project portfolio itself defines, which an indicator of the plan can be kept from.</summary>
public enum PortfolioMeasure
{
    /// <summary>项目个数 on the list (or in a track of it).</summary>
    Projects = 1,

    /// <summary>总投资.</summary>
    TotalInvestment = 2,

    /// <summary>年度计划投资.</summary>
    AnnualPlan = 3,

    /// <summary>本年累计完成投资.</summary>
    Completed = 4,

    /// <summary>完成率 (completed ÷ annual plan).</summary>
    CompletionRate = 5,

    /// <summary>本年已开工项目个数.</summary>
    Started = 6,
}

/// <summary>The portfolio's figures for one list (or one track of it) as of a month; amounts in 万元.</summary>
public sealed record PortfolioFacts(int Projects, decimal TotalInvestment, decimal AnnualPlan, decimal Completed, int Started);

/// <summary>
/// Which measure an indicator's name asks for, and which part of the portfolio: a track named by a keyword (the words
/// before 专项: 新材料高地专项安排项目 → 新材料高地) and the 特别重大 list, else the year's 年度重大建设项目 list.
/// </summary>
public sealed record MeasureLink(PortfolioMeasure Measure, string? TrackKeyword, bool SpecialMajor);

public static class PortfolioMeasures
{
    private static readonly string[] CountUnits = ["个", "项", ""];

    /// <summary>
    /// Proposes the measure for an indicator name, or null when the name is not about the project list. 民生实事 is left
    /// out on purpose: its actual is the items finished, not the size of the list.
    /// </summary>
    public static MeasureLink? Propose(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var aboutList = name.Contains("重大建设项目", StringComparison.Ordinal) || name.Contains("特别重大项目", StringComparison.Ordinal)
            || (name.Contains("专项", StringComparison.Ordinal) && (name.Contains("项目", StringComparison.Ordinal) || name.Contains("投资", StringComparison.Ordinal)));
        if (!aboutList || name.Contains("民生实事", StringComparison.Ordinal))
        {
            return null;
        }

        PortfolioMeasure measure;
        if (name.Contains("年度计划投资", StringComparison.Ordinal) || name.Contains("年度投资计划", StringComparison.Ordinal))
        {
            measure = PortfolioMeasure.AnnualPlan;
        }
        else if (name.Contains("总投资", StringComparison.Ordinal))
        {
            measure = PortfolioMeasure.TotalInvestment;
        }
        else if (name.Contains("完成率", StringComparison.Ordinal))
        {
            measure = PortfolioMeasure.CompletionRate;
        }
        else if (name.Contains("完成投资", StringComparison.Ordinal) || name.Contains("完成", StringComparison.Ordinal))
        {
            measure = PortfolioMeasure.Completed;
        }
        else if (name.Contains("开工", StringComparison.Ordinal))
        {
            measure = PortfolioMeasure.Started;
        }
        else if (name.Contains("项目", StringComparison.Ordinal))
        {
            measure = PortfolioMeasure.Projects;
        }
        else
        {
            return null;
        }

        var i = name.IndexOf("专项", StringComparison.Ordinal);
        var track = i > 0 ? name[..i] : null;
        return new MeasureLink(measure, string.IsNullOrWhiteSpace(track) ? null : track, name.Contains("特别重大", StringComparison.Ordinal));
    }

    /// <summary>
    /// The measure in the indicator's unit: counts in 个/项, amounts in 亿元 or 万元, the rate in %. Null when the unit
    /// does not fit the measure (a count asked in 亿元) or the rate has no plan to divide by.
    /// </summary>
    public static decimal? Value(PortfolioMeasure measure, PortfolioFacts facts, string unit)
    {
        ArgumentNullException.ThrowIfNull(facts);
        unit = unit?.Trim() ?? "";
        decimal? Money(decimal wan) => unit switch
        {
            "亿元" or "亿" => Math.Round(wan / 10_000m, 2),
            "万元" or "万" => wan,
            _ => null,
        };

        return measure switch
        {
            PortfolioMeasure.Projects => CountUnits.Contains(unit) ? facts.Projects : null,
            PortfolioMeasure.Started => CountUnits.Contains(unit) ? facts.Started : null,
            PortfolioMeasure.TotalInvestment => Money(facts.TotalInvestment),
            PortfolioMeasure.AnnualPlan => Money(facts.AnnualPlan),
            PortfolioMeasure.Completed => Money(facts.Completed),
            PortfolioMeasure.CompletionRate => unit == "%" && facts.AnnualPlan > 0 ? Math.Round(facts.Completed / facts.AnnualPlan * 100m, 1) : null,
            _ => null,
        };
    }
}
