using System.Globalization;
using PlanPulse.Domain.Periods;

namespace PlanPulse.Domain.Portfolio;

/// <summary>
/// What the league table (赛马) needs to know about one unit's projects for a month. Counts are over the
/// year to date: projects due to start by the month and how many did, milestones due and how many were
/// reached on time, problems due for resolution and how many were, reports due and how many came on time.
/// </summary>
public sealed record UnitFacts
{
    public required string UnitCode { get; init; }

    public required string UnitName { get; init; }

    public UnitType UnitType { get; init; }

    public int Projects { get; init; }

    public decimal AnnualPlan { get; init; }

    public decimal Completed { get; init; }

    public decimal TimeProgress { get; init; }

    public int DueToStart { get; init; }

    public int Started { get; init; }

    public int MilestonesDue { get; init; }

    public int MilestonesOnTime { get; init; }

    public int ProblemsDue { get; init; }

    public int ProblemsResolved { get; init; }

    public int ReportsDue { get; init; }

    public int ReportsOnTime { get; init; }

    public decimal? CompletionRate => AnnualPlan > 0 ? Completed / AnnualPlan : null;

    /// <summary>The unit's target for the period: its projects' completion at or above time progress.</summary>
    public bool MetTarget => CompletionRate is not { } r || r >= TimeProgress;
}

/// <summary>One part of a score: its weight, its value out of 100 and how it was computed.</summary>
public sealed record ScorePart(string Part, string Name, decimal Weight, decimal Value, string Text);

public sealed record LeagueRow(
    int Rank,
    string UnitCode,
    string UnitName,
    UnitType UnitType,
    int Projects,
    decimal Score,
    IReadOnlyList<ScorePart> Parts,
    decimal? CompletionRate,
    bool MetTarget,
    int? PreviousRank,
    int? RankChange,
    bool RedList,
    bool BlackList,
    string Why);

public sealed record ExemptRow(string UnitCode, string UnitName, string Reason);

public sealed record LeagueTableResult(UnitType UnitType, YearMonth Month, IReadOnlyList<LeagueRow> Rows, IReadOnlyList<ExemptRow> Exempt);

public static class LeagueTable
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// Ranks units of one type. Score = Σ weight × part ÷ Σ weight, each part 0–100, rounded to 2 decimals.
    /// Equal scores share a rank (并列, competition ranking 1, 2, 2, 4) and are listed by unit code, so the
    /// table is the same on every run. Red list: met the target, rank ≤ N and the whole tie in the top half;
    /// black list: missed the target, in the bottom N places and the whole tie in the bottom half; N shrinks to
    /// half the table (<see cref="ListSizes"/>). Exempted units are listed apart with their reason and take no rank.
    /// </summary>
    public static LeagueTableResult Rank(
        UnitType type,
        YearMonth month,
        IEnumerable<UnitFacts> units,
        RuleSet rules,
        IReadOnlyDictionary<string, int>? previousRanks = null)
    {
        var exempt = new List<ExemptRow>();
        var scored = new List<(UnitFacts Unit, decimal Score, IReadOnlyList<ScorePart> Parts)>();
        foreach (var u in units)
        {
            var exemption = rules.Exemptions.FirstOrDefault(e => e.Covers(u.UnitCode, month));
            if (exemption is not null)
            {
                exempt.Add(new ExemptRow(u.UnitCode, u.UnitName, exemption.Reason));
                continue;
            }

            var parts = Parts(u, rules.Weights);
            scored.Add((u, Score(parts, rules.Weights), parts));
        }

        scored.Sort((a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            return c != 0 ? c : string.CompareOrdinal(a.Unit.UnitCode, b.Unit.UnitCode);
        });

        var rows = new List<LeagueRow>(scored.Count);
        var n = scored.Count;
        var lists = ListSizes.For(n, rules);
        for (var i = 0; i < n; i++)
        {
            var (u, score, parts) = scored[i];
            var rank = i > 0 && scored[i - 1].Score == score ? rows[i - 1].Rank : i + 1;
            int? prev = previousRanks is not null && previousRanks.TryGetValue(u.UnitCode, out var p) ? p : null;
            int? change = prev is { } pr ? pr - rank : null;
            // A tie holds places rank..lastPlace. A list names only units whose whole tie lies in its half, so a
            // tie across the middle goes on neither list and no list ever holds more than half the table.
            var lastPlace = LastIndexWithScore(scored, i) + 1;
            var red = u.MetTarget && rank <= lists.Red && lastPlace <= lists.Half;
            // Bottom N counts from below, so units tied for last are all on it (as ties for first all make the red list).
            var below = n - lastPlace;
            var black = !u.MetTarget && below < lists.Black && rank > n - lists.Half;
            rows.Add(new LeagueRow(rank, u.UnitCode, u.UnitName, u.UnitType, u.Projects, score, parts, u.CompletionRate, u.MetTarget, prev, change, red, black, Why(u, rank, n, score, red, black, lists, rules)));
        }

        return new LeagueTableResult(type, month, rows, exempt);
    }

    private static int LastIndexWithScore(List<(UnitFacts Unit, decimal Score, IReadOnlyList<ScorePart> Parts)> scored, int i)
    {
        var j = i;
        while (j + 1 < scored.Count && scored[j + 1].Score == scored[i].Score)
        {
            j++;
        }

        return j;
    }

    public static IReadOnlyList<ScorePart> Parts(UnitFacts u, LeagueWeights w)
    {
        var parts = new List<ScorePart>(5);
        if (u.CompletionRate is { } rate && u.TimeProgress > 0)
        {
            var ratio = rate / u.TimeProgress;
            var value = Clamp100(ratio * 100m);
            parts.Add(new ScorePart("investment", "投资完成", w.Investment, value, $"完成率{rate.ToString("P1", Zh)}÷序时进度{u.TimeProgress.ToString("P1", Zh)},得{F(value)}分(满分100)"));
        }
        else if (u.CompletionRate is { } r0)
        {
            // On a project-curve basis nothing may be planned yet (a winter stop): nothing is behind.
            parts.Add(new ScorePart("investment", "投资完成", w.Investment, 100m, $"序时进度为0,完成率{r0.ToString("P1", Zh)},按满分计"));
        }
        else
        {
            parts.Add(new ScorePart("investment", "投资完成", w.Investment, 100m, "无年度计划投资,按满分计"));
        }

        parts.Add(Ratio("start", "开工", w.Start, u.Started, u.DueToStart, "应开工项目", "已开工"));
        parts.Add(Ratio("milestones", "节点按期", w.Milestones, u.MilestonesOnTime, u.MilestonesDue, "应完成节点", "按期完成"));
        parts.Add(Ratio("problems", "问题解决", w.Problems, u.ProblemsResolved, u.ProblemsDue, "到期问题", "已解决"));
        parts.Add(Ratio("reports", "按时报送", w.Reports, u.ReportsOnTime, u.ReportsDue, "应报月报", "按时报送"));
        return parts;
    }

    public static decimal Score(IReadOnlyList<ScorePart> parts, LeagueWeights w)
    {
        if (w.Total <= 0)
        {
            return 0m;
        }

        var sum = parts.Sum(p => p.Weight * p.Value);
        return Math.Round(sum / w.Total, 2, MidpointRounding.AwayFromZero);
    }

    private static ScorePart Ratio(string part, string name, decimal weight, int done, int due, string dueText, string doneText)
    {
        if (due <= 0)
        {
            return new ScorePart(part, name, weight, 100m, $"无{dueText},按满分计");
        }

        var value = Clamp100(100m * done / due);
        return new ScorePart(part, name, weight, value, $"{dueText}{due}个,{doneText}{done}个,得{F(value)}分");
    }

    private static string Why(UnitFacts u, int rank, int n, decimal score, bool red, bool black, ListSizes lists, RuleSet rules)
    {
        var target = u.MetTarget ? "达到序时进度" : "未达序时进度";
        var list = red ? $",达标且位列前{lists.Red}名{Shrunk("红榜", rules.RedListSize, lists.Red, n)},上红榜"
            : black ? $",未达标且位列后{lists.Black}名{Shrunk("黑榜", rules.BlackListSize, lists.Black, n)},上黑榜"
            : string.Empty;
        return $"综合得分{F(score)},{n}个单位中第{rank}名,{target}{list}";
    }

    private static string Shrunk(string list, int configured, int size, int n) =>
        size < configured ? $"({n}个单位,{list}名额不超过半数,由{configured}个减为{size}个)" : string.Empty;

    private static decimal Clamp100(decimal v) => Math.Round(Math.Clamp(v, 0m, 100m), 2, MidpointRounding.AwayFromZero);

    private static string F(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// The red and black list sizes of one table. A list never reaches into the other half: with n ranked units
/// each list holds at most ⌊n/2⌋ places, so a 3-unit table names at most one unit on each list and a 1-unit
/// table none (otherwise #1 of 3 could be on the black list and the last on the red list).
/// </summary>
public readonly record struct ListSizes(int Half, int Red, int Black)
{
    public static ListSizes For(int rankedUnits, RuleSet rules)
    {
        var half = Math.Max(0, rankedUnits) / 2;
        return new ListSizes(half, Math.Clamp(rules.RedListSize, 0, half), Math.Clamp(rules.BlackListSize, 0, half));
    }
}
