using System.Globalization;
using PlanPulse.Domain.Periods;

namespace PlanPulse.Domain.Portfolio;

/// <summary>
/// What the colour rules need to know about one project as of a month's reporting deadline.
/// Amounts in 万元. Months are the month a milestone was reached, as reported.
/// </summary>
public sealed record ProjectFacts
{
    public decimal AnnualPlan { get; init; }

    /// <summary>Investment completed since 1 January up to and including the evaluated month.</summary>
    public decimal CompletedThisYear { get; init; }

    /// <summary>Planned cumulative investment at the end of each month (12 values) or null.</summary>
    public IReadOnlyList<decimal>? PlannedCumulative { get; init; }

    public YearMonth? PlannedStart { get; init; }

    public YearMonth? ActualStart { get; init; }

    public YearMonth? Registered { get; init; }

    /// <summary>Whether the month's report was in by its deadline.</summary>
    public bool ReportInByDeadline { get; init; } = true;
}

/// <summary>One rule that fired, with the colour it asks for and why, in Chinese.</summary>
public sealed record RuleHit(string Rule, Colour Colour, string Text);

/// <summary>A colour with every rule that fired; the worst decides.</summary>
public sealed record ColourVerdict(
    Colour Colour,
    decimal? CompletionRate,
    decimal? GapPoints,
    TimeProgressValue TimeProgress,
    IReadOnlyList<RuleHit> Hits)
{
    /// <summary>The reason as one line: every rule that fired, the deciding one first.</summary>
    public string Reason => string.Join(";", Hits.OrderByDescending(h => h.Colour).Select(h => h.Text));
}

public static class ProjectColouring
{
    public const string ProgressRule = "progress";
    public const string StartRule = "start";
    public const string RegistrationRule = "registration";
    public const string ReportRule = "report";

    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// Colours one project as of <paramref name="month"/>. Progress: blue when the annual plan is reached,
    /// green within <see cref="RuleSet.GreenMaxGapPoints"/> of time progress, yellow within
    /// <see cref="RuleSet.YellowMaxGapPoints"/>, red beyond. Start and statistics-registration rules and the
    /// missing-report rule (grey) apply on top; the worst decides and the reason names every rule that fired.
    /// Before the month the project is meant to start (<see cref="LagCountsFrom"/>) lag is not measured: the
    /// progress rule says so in green (blue still shows a plan already done) and the gap is left empty.
    /// </summary>
    public static ColourVerdict Evaluate(ProjectFacts facts, YearMonth month, RuleSet rules)
    {
        var hits = new List<RuleHit>(4);
        var tp = TimeProgress.For(month, rules, facts.AnnualPlan, facts.PlannedCumulative);
        decimal? rate = null;
        decimal? gap = null;

        if (facts.AnnualPlan > 0)
        {
            rate = facts.CompletedThisYear / facts.AnnualPlan;
            if (LagCountsFrom(facts, month) is { } from && month < from && rate < 1m)
            {
                // Months ÷ 12 runs from January, but nothing is owed before the project is meant to start:
                // without this a July start is red from April. The start rule speaks from the planned start.
                hits.Add(new RuleHit(ProgressRule, Colour.Green, BeforeStartText(facts, from, rate.Value)));
            }
            else
            {
                gap = Math.Round((tp.Value - rate.Value) * 100m, 4);
                hits.Add(ProgressHit(rate.Value, gap.Value, tp, rules));
            }
        }
        else
        {
            hits.Add(new RuleHit(ProgressRule, Colour.Green, "年度计划投资为0,不评投资进度"));
        }

        if (facts.PlannedStart is { } plannedStart && plannedStart <= month
            && (facts.ActualStart is null || facts.ActualStart > month))
        {
            var overdue = month.MonthsSince(plannedStart);
            var colour = overdue >= rules.StartRedAfterMonths ? Colour.Red : Colour.Yellow;
            var text = overdue == 0
                ? $"计划{plannedStart.ToChinese()}开工,本月未开工"
                : $"计划{plannedStart.ToChinese()}开工,逾期{overdue}个月未开工";
            text += colour == Colour.Red ? $"(满{rules.StartRedAfterMonths}个月为红)" : string.Empty;
            hits.Add(new RuleHit(StartRule, colour, text));
        }

        if (facts.ActualStart is { } started && started <= month
            && (facts.Registered is null || facts.Registered > month))
        {
            var since = month.MonthsSince(started);
            if (since >= rules.RegistrationRedAfterMonths)
            {
                hits.Add(new RuleHit(RegistrationRule, Colour.Red, $"{started.ToChinese()}开工,{since}个月未入库纳统(满{rules.RegistrationRedAfterMonths}个月为红)"));
            }
            else if (since >= rules.RegistrationYellowAfterMonths)
            {
                hits.Add(new RuleHit(RegistrationRule, Colour.Yellow, $"{started.ToChinese()}开工,{since}个月未入库纳统"));
            }
        }

        if (!facts.ReportInByDeadline)
        {
            hits.Add(new RuleHit(ReportRule, Colour.Grey, $"{month.ToChinese()}月报截止时未报送"));
        }

        var worst = hits.Max(h => h.Colour);
        return new ColourVerdict(worst, rate, gap, tp, hits);
    }

    /// <summary>
    /// The first month the lag rule may fire: the later of the planned start and the first month the plan's
    /// monthly curve puts any investment in (a curve of 0 until July says the work starts in July, whatever the
    /// basis of time progress). Null when neither is known, so the lag rule runs all year as before. A curve is
    /// only read when it has all 12 months; one that plans nothing at all says nothing about the start.
    /// </summary>
    public static YearMonth? LagCountsFrom(ProjectFacts facts, YearMonth month)
    {
        YearMonth? fromCurve = null;
        if (facts.PlannedCumulative is { Count: 12 } curve)
        {
            for (var i = 0; i < 12; i++)
            {
                if (curve[i] > 0)
                {
                    fromCurve = new YearMonth(month.Year, i + 1);
                    break;
                }
            }
        }

        return (facts.PlannedStart, fromCurve) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }

    private static string BeforeStartText(ProjectFacts facts, YearMonth from, decimal rate)
    {
        var rateText = rate.ToString("P1", Zh);
        var why = facts.PlannedStart == from
            ? $"计划{from.ToChinese()}开工"
            : $"月度计划自{from.ToChinese()}起安排投资";
        return $"投资完成率{rateText},{why},此前不评序时进度";
    }

    private static RuleHit ProgressHit(decimal rate, decimal gap, TimeProgressValue tp, RuleSet rules)
    {
        var rateText = rate.ToString("P1", Zh);
        var tpText = tp.Value.ToString("P1", Zh);
        if (rate >= 1m)
        {
            return new RuleHit(ProgressRule, Colour.Blue, $"投资完成率{rateText},已完成年度计划");
        }

        if (gap <= 0)
        {
            return new RuleHit(ProgressRule, Colour.Green, $"投资完成率{rateText},快于序时进度({tpText}){Points(-gap)}个百分点");
        }

        var behind = $"投资完成率{rateText},落后序时进度({tpText}){Points(gap)}个百分点";
        if (gap <= rules.GreenMaxGapPoints)
        {
            return new RuleHit(ProgressRule, Colour.Green, $"{behind}(不超过{Points(rules.GreenMaxGapPoints)}个百分点为绿)");
        }

        if (gap <= rules.YellowMaxGapPoints)
        {
            return new RuleHit(ProgressRule, Colour.Yellow, $"{behind}(超过{Points(rules.GreenMaxGapPoints)}、不超过{Points(rules.YellowMaxGapPoints)}个百分点为黄)");
        }

        return new RuleHit(ProgressRule, Colour.Red, $"{behind}(超过{Points(rules.YellowMaxGapPoints)}个百分点为红)");
    }

    internal static string Points(decimal points) => Math.Round(points, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
}
