using System.Globalization;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Domain.Tasks;

/// <summary>Where a key task stands, as its lead unit or the plan office records it. Stored as the number.</summary>
public enum KeyTaskStatus
{
    /// <summary>未启动.</summary>
    NotStarted = 0,

    /// <summary>推进中.</summary>
    InProgress = 1,

    /// <summary>已完成.</summary>
    Done = 2,

    /// <summary>滞后: recorded by a person, or found by <see cref="KeyTaskRules.Evaluate"/>.</summary>
    Lagging = 3,
}

/// <summary>
/// What the overdue rule needs to know about one task: its recorded status, its deadline, the first month it is
/// tracked in (its year's January, or the month it was added to the list) and the months that have a progress note.
/// </summary>
public sealed record KeyTaskFacts(KeyTaskStatus Status, DateOnly? Deadline, YearMonth TrackedFrom, IReadOnlyCollection<YearMonth> NoteMonths);

/// <summary>
/// The verdict on one task as of a day: its colour, the status shown (滞后 when a rule found it behind), whether the
/// deadline has passed unfinished, the month whose note is missing, and the reason in Chinese.
/// </summary>
public sealed record KeyTaskVerdict(Colour Colour, KeyTaskStatus Status, bool Overdue, YearMonth? MissingNote, string Reason);

/// <summary>
/// The key-task ledger's colour rule (重点任务赋色). Decided here, documented in docs/key-tasks.md, in the order the
/// rules are tried (the first that applies decides):
/// <list type="number">
/// <item>已完成 → blue.</item>
/// <item>Past its deadline and not done (the day after the deadline and later) → red, overdue (逾期未完成): the
/// practice of 超时倒查 on approval nodes and of meeting decisions "late ones go on the supervision list".</item>
/// <item>No progress note for the last month whose note is due (the month's note is due on the report deadline day of
/// the next month, as for project reports; from the day after it the month counts as missing) → red (进展未报送): the
/// ledgers are "summed up monthly" and a task nobody reports on cannot be told from a stalled one. Months before
/// the task was tracked, and months after its deadline month, ask for no note.</item>
/// <item>Recorded as 滞后 by the lead unit or the plan office → red.</item>
/// <item>Not done and the deadline within <see cref="WarningDays"/> days → yellow (临近时限).</item>
/// <item>Otherwise green.</item>
/// </list>
/// A red verdict shows the status 滞后 whatever was recorded; the recorded status is kept unchanged.
/// </summary>
public static class KeyTaskRules
{
    /// <summary>How close a deadline turns an unfinished task yellow: one monthly dispatch cycle.</summary>
    public const int WarningDays = 30;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Name(KeyTaskStatus s) => s switch
    {
        KeyTaskStatus.NotStarted => "未启动",
        KeyTaskStatus.InProgress => "推进中",
        KeyTaskStatus.Done => "已完成",
        KeyTaskStatus.Lagging => "滞后",
        _ => s.ToString(),
    };

    /// <summary>A status from its Chinese name or its English name (not-started, in-progress, done, lagging), any case.</summary>
    public static bool TryParseStatus(string? text, out KeyTaskStatus status)
    {
        status = KeyTaskStatus.NotStarted;
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            return false;
        }

        foreach (var s in Enum.GetValues<KeyTaskStatus>())
        {
            if (t == Name(s) || string.Equals(t, Slug(s), StringComparison.OrdinalIgnoreCase) || string.Equals(t, s.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }

        return false;
    }

    /// <summary>The status as URLs and JSON spell it: not-started, in-progress, done, lagging.</summary>
    public static string Slug(KeyTaskStatus s) => s switch
    {
        KeyTaskStatus.NotStarted => "not-started",
        KeyTaskStatus.InProgress => "in-progress",
        KeyTaskStatus.Done => "done",
        KeyTaskStatus.Lagging => "lagging",
        _ => s.ToString(),
    };

    /// <summary>
    /// The latest month whose progress note is overdue at the end of <paramref name="asOf"/>: its note was due on
    /// <paramref name="noteDeadlineDay"/> of the following month, and that day is over.
    /// </summary>
    public static YearMonth LastClosedMonth(DateOnly asOf, int noteDeadlineDay)
    {
        var current = YearMonth.FromDate(asOf);
        var day = Math.Clamp(noteDeadlineDay, 1, 28);

        // Last month's note is due on the deadline day of this month; after it, last month is closed.
        return asOf.Day > day ? current.AddMonths(-1) : current.AddMonths(-2);
    }

    public static KeyTaskVerdict Evaluate(KeyTaskFacts task, DateOnly asOf, int noteDeadlineDay)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Status == KeyTaskStatus.Done)
        {
            return new KeyTaskVerdict(Colour.Blue, KeyTaskStatus.Done, false, null, "已完成");
        }

        if (task.Deadline is { } deadline && asOf > deadline)
        {
            var days = asOf.DayNumber - deadline.DayNumber;
            return new KeyTaskVerdict(Colour.Red, KeyTaskStatus.Lagging, true, null, $"已超过完成时限({Date(deadline)}){days}天仍未完成");
        }

        var closed = LastClosedMonth(asOf, noteDeadlineDay);
        var lastDue = task.Deadline is { } d ? YearMonth.FromDate(d) : closed;
        if (closed >= task.TrackedFrom && closed <= lastDue && !task.NoteMonths.Contains(closed))
        {
            var due = closed.AddMonths(1);
            var day = Math.Clamp(noteDeadlineDay, 1, 28);
            return new KeyTaskVerdict(Colour.Red, KeyTaskStatus.Lagging, false, closed,
                $"{closed.Year}年{closed.Month}月进展未在{due.Month}月{day}日前报送");
        }

        if (task.Status == KeyTaskStatus.Lagging)
        {
            return new KeyTaskVerdict(Colour.Red, KeyTaskStatus.Lagging, false, null, "责任单位报告进度滞后");
        }

        if (task.Deadline is { } near && near.DayNumber - asOf.DayNumber <= WarningDays)
        {
            var left = near.DayNumber - asOf.DayNumber;
            var what = task.Status == KeyTaskStatus.NotStarted ? "仍未启动" : "尚未完成";
            return new KeyTaskVerdict(Colour.Yellow, task.Status, false, null, left == 0 ? $"今日到期,{what}" : $"距完成时限还有{left}天,{what}");
        }

        return new KeyTaskVerdict(Colour.Green, task.Status, false, null, task.Deadline is null ? "未设完成时限" : "按计划推进");
    }

    private static string Date(DateOnly d) => string.Create(Inv, $"{d.Year}年{d.Month}月{d.Day}日");
}
