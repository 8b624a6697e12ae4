using PlanPulse.Domain.Periods;

namespace PlanPulse.Domain.Portfolio;

public static class ReportingCalendar
{
    /// <summary>China Standard Time has been UTC+8 all year since 1991, so no time-zone database is needed.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The last day a month's report is due: <see cref="RuleSet.ReportDeadlineDay"/> of the next month.</summary>
    public static DateOnly DeadlineDay(YearMonth month, RuleSet rules)
    {
        var next = month.AddMonths(1);
        var day = Math.Clamp(rules.ReportDeadlineDay, 1, DateTime.DaysInMonth(next.Year, next.Month));
        return new DateOnly(next.Year, next.Month, day);
    }

    /// <summary>
    /// The instant (UTC) the deadline day ends in Beijing time. A report submitted before it is on time; a view
    /// "as of" the month counts exactly what had been submitted before it.
    /// </summary>
    public static DateTime Cutoff(YearMonth month, RuleSet rules)
    {
        var day = DeadlineDay(month, rules).AddDays(1);
        return new DateTime(day.Year, day.Month, day.Day, 0, 0, 0, DateTimeKind.Utc) - ChinaOffset;
    }

    /// <summary>The latest month whose report may be entered at <paramref name="utcNow"/>: the current Beijing month.</summary>
    public static YearMonth CurrentMonth(DateTimeOffset utcNow)
    {
        var local = utcNow.ToOffset(ChinaOffset);
        return new YearMonth(local.Year, local.Month);
    }
}
