using System.Globalization;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Domain.Tasks;

namespace PlanPulse.Domain.Tests.Tasks;

public sealed class KeyTaskRulesTests
{
    private const int DeadlineDay = 5;

    /// <summary>
    /// status, deadline ("" none), tracked from (yyyyMM), note months (yyyyMM, comma-separated), as of,
    /// expected colour, shown status, overdue, missing note month (0 none), a fragment of the reason.
    /// </summary>
    public static TheoryData<KeyTaskStatus, string, int, string, string, Colour, KeyTaskStatus, bool, int, string> EvaluateCases => new()
    {
        // Done is blue whatever else: even past its deadline and with no notes.
        { KeyTaskStatus.Done, "2023-06-30", 202301, "", "2023-12-10", Colour.Blue, KeyTaskStatus.Done, false, 0, "已完成" },

        // The deadline day itself is still in time; the day after, it is overdue.
        { KeyTaskStatus.InProgress, "2023-06-30", 202301, "202301,202302,202303,202304,202305", "2023-06-30", Colour.Yellow, KeyTaskStatus.InProgress, false, 0, "今日到期" },
        { KeyTaskStatus.InProgress, "2023-06-30", 202301, "202301,202302,202303,202304,202305,202306", "2023-07-01", Colour.Red, KeyTaskStatus.Lagging, true, 0, "1天仍未完成" },
        { KeyTaskStatus.NotStarted, "2023-06-30", 202301, "", "2023-09-15", Colour.Red, KeyTaskStatus.Lagging, true, 0, "已超过完成时限(2023年6月30日)77天" },

        // Notes: May's note is due on 5 June; on 5 June it is not missing yet, on 6 June it is.
        { KeyTaskStatus.InProgress, "2023-12-31", 202301, "202301,202302,202303,202304", "2023-06-05", Colour.Green, KeyTaskStatus.InProgress, false, 0, "按计划推进" },
        { KeyTaskStatus.InProgress, "2023-12-31", 202301, "202301,202302,202303,202304", "2023-06-06", Colour.Red, KeyTaskStatus.Lagging, false, 202305, "2023年5月进展未在6月5日前报送" },
        { KeyTaskStatus.InProgress, "2023-12-31", 202301, "202301,202302,202303,202304,202305", "2023-06-06", Colour.Green, KeyTaskStatus.InProgress, false, 0, "按计划推进" },

        // Only the last closed month is asked for: an old gap that was not repeated does not keep a task red.
        { KeyTaskStatus.InProgress, "2023-12-31", 202301, "202305", "2023-06-20", Colour.Green, KeyTaskStatus.InProgress, false, 0, "按计划推进" },

        // Across the year end: December's note is due on 5 January of the next year.
        { KeyTaskStatus.InProgress, "2024-06-30", 202301, "202311", "2024-01-06", Colour.Red, KeyTaskStatus.Lagging, false, 202312, "2023年12月进展未在1月5日前报送" },

        // A task added in June asks for no note of May.
        { KeyTaskStatus.NotStarted, "2023-12-31", 202306, "", "2023-06-20", Colour.Green, KeyTaskStatus.NotStarted, false, 0, "按计划推进" },
        { KeyTaskStatus.NotStarted, "2023-12-31", 202306, "", "2023-07-06", Colour.Red, KeyTaskStatus.Lagging, false, 202306, "6月进展" },

        // A task without a deadline is never overdue, but still owes its monthly note.
        { KeyTaskStatus.InProgress, "", 202301, "202310", "2023-11-20", Colour.Green, KeyTaskStatus.InProgress, false, 0, "未设完成时限" },
        { KeyTaskStatus.InProgress, "", 202301, "202309", "2023-11-20", Colour.Red, KeyTaskStatus.Lagging, false, 202310, "10月进展" },

        // Recorded as lagging by a person: red, not overdue.
        { KeyTaskStatus.Lagging, "2023-12-31", 202301, "202310", "2023-11-20", Colour.Red, KeyTaskStatus.Lagging, false, 0, "责任单位报告进度滞后" },

        // Near the deadline: yellow from 30 days before it; 31 days before is still green.
        { KeyTaskStatus.InProgress, "2023-12-31", 202301, "202310", "2023-12-01", Colour.Yellow, KeyTaskStatus.InProgress, false, 0, "还有30天,尚未完成" },
        { KeyTaskStatus.NotStarted, "2023-12-31", 202301, "202310", "2023-12-01", Colour.Yellow, KeyTaskStatus.NotStarted, false, 0, "仍未启动" },
        { KeyTaskStatus.InProgress, "2023-12-31", 202301, "202310", "2023-11-30", Colour.Green, KeyTaskStatus.InProgress, false, 0, "按计划推进" },

        // An overdue task is overdue, not "note missing": the first rule that applies decides.
        { KeyTaskStatus.InProgress, "2023-03-31", 202301, "", "2023-04-10", Colour.Red, KeyTaskStatus.Lagging, true, 0, "已超过完成时限" },

        // After the deadline month no note is asked for (the task is judged on its deadline instead): a task due
        // 30 June, done on time, owes nothing for July.
        { KeyTaskStatus.Done, "2023-06-30", 202301, "202306", "2023-08-10", Colour.Blue, KeyTaskStatus.Done, false, 0, "已完成" },

        // The deadline month's own note is asked for while the deadline has not passed yet (deadline next year).
        { KeyTaskStatus.InProgress, "2024-03-31", 202301, "202310", "2023-12-06", Colour.Red, KeyTaskStatus.Lagging, false, 202311, "11月进展" },
    };

    [Theory]
    [MemberData(nameof(EvaluateCases))]
    public void Evaluate_Table(KeyTaskStatus status, string deadline, int trackedFrom, string notes, string asOf,
        Colour colour, KeyTaskStatus shown, bool overdue, int missing, string reason)
    {
        var facts = new KeyTaskFacts(
            status,
            deadline.Length == 0 ? null : DateOnly.Parse(deadline, CultureInfo.InvariantCulture),
            YearMonth.FromId(trackedFrom),
            notes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => YearMonth.FromId(int.Parse(n, CultureInfo.InvariantCulture))).ToList());

        var v = KeyTaskRules.Evaluate(facts, DateOnly.Parse(asOf, CultureInfo.InvariantCulture), DeadlineDay);

        Assert.Equal((colour, shown, overdue), (v.Colour, v.Status, v.Overdue));
        Assert.Equal(missing == 0 ? null : YearMonth.FromId(missing), v.MissingNote);
        Assert.Contains(reason, v.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-06-05", 5, 202304)]
    [InlineData("2023-06-06", 5, 202305)]
    [InlineData("2023-06-30", 5, 202305)]
    [InlineData("2023-01-05", 5, 202211)]
    [InlineData("2023-01-06", 5, 202212)]
    [InlineData("2023-03-15", 10, 202302)]
    [InlineData("2023-03-10", 10, 202301)]
    [InlineData("2023-03-29", 31, 202302)]
    public void LastClosedMonth_Table(string asOf, int deadlineDay, int expected)
    {
        Assert.Equal(YearMonth.FromId(expected), KeyTaskRules.LastClosedMonth(DateOnly.Parse(asOf, CultureInfo.InvariantCulture), deadlineDay));
    }

    [Theory]
    [InlineData("未启动", true, KeyTaskStatus.NotStarted)]
    [InlineData(" 推进中 ", true, KeyTaskStatus.InProgress)]
    [InlineData("已完成", true, KeyTaskStatus.Done)]
    [InlineData("滞后", true, KeyTaskStatus.Lagging)]
    [InlineData("in-progress", true, KeyTaskStatus.InProgress)]
    [InlineData("DONE", true, KeyTaskStatus.Done)]
    [InlineData("Lagging", true, KeyTaskStatus.Lagging)]
    [InlineData("完成", false, KeyTaskStatus.NotStarted)]
    [InlineData("", false, KeyTaskStatus.NotStarted)]
    [InlineData(null, false, KeyTaskStatus.NotStarted)]
    public void TryParseStatus_Table(string? text, bool ok, KeyTaskStatus expected)
    {
        Assert.Equal(ok, KeyTaskRules.TryParseStatus(text, out var s));
        Assert.Equal(expected, s);
    }

    [Fact]
    public void NameAndSlug_EveryStatus_RoundTrip()
    {
        foreach (var s in Enum.GetValues<KeyTaskStatus>())
        {
            Assert.True(KeyTaskRules.TryParseStatus(KeyTaskRules.Name(s), out var byName));
            Assert.True(KeyTaskRules.TryParseStatus(KeyTaskRules.Slug(s), out var bySlug));
            Assert.Equal((s, s), (byName, bySlug));
        }
    }
}
