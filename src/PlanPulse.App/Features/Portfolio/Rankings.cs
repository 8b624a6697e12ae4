using PlanPulse.App.Data;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Portfolio;

public sealed record RankingRowDto(
    int Rank,
    string UnitCode,
    string UnitName,
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

public sealed record RankingTableDto(string UnitType, string Name, IReadOnlyList<RankingRowDto> Rows, IReadOnlyList<ExemptRow> Exempt);

public sealed record RankingsDto(int Year, int Month, string List, decimal TimeProgress, IReadOnlyList<RankingTableDto> Tables);

/// <summary>
/// The 赛马 league tables. Departments are ranked on the projects they answer for (责任单位), towns and streets on
/// the projects in their territory (they answer for land and clearances there), commands on the projects they
/// dispatch. Rank change compares with the previous month's table computed the same way.
/// </summary>
public static class Rankings
{
    public static readonly UnitType[] RankedTypes = [UnitType.Department, UnitType.Town, UnitType.Command];

    public static async Task<RankingsDto> GetAsync(AppDbContext db, YearMonth month, UnitType? type, string? list, CancellationToken ct = default)
    {
        var now = await PortfolioEvaluator.EvaluateAsync(db, month, list, ct);
        PortfolioSnapshot? before = month.Month > 1 ? await PortfolioEvaluator.EvaluateAsync(db, month.AddMonths(-1), list, ct) : null;
        var types = type is { } t ? [t] : RankedTypes;
        var tables = types.Select(t => Table(now, before, t)).ToList();
        return new RankingsDto(month.Year, month.Month, now.ListCode, TimeProgress.Default(month), tables);
    }

    public static RankingTableDto Table(PortfolioSnapshot now, PortfolioSnapshot? before, UnitType type)
    {
        var result = Rank(now, before, type);
        var rows = result.Rows.Select(r => new RankingRowDto(r.Rank, r.UnitCode, r.UnitName, r.Projects, r.Score, r.Parts, r.CompletionRate, r.MetTarget, r.PreviousRank, r.RankChange, r.RedList, r.BlackList, r.Why)).ToList();
        return new RankingTableDto(type.ToString().ToLowerInvariant(), Names.Of(type), rows, result.Exempt);
    }

    public static LeagueTableResult Rank(PortfolioSnapshot now, PortfolioSnapshot? before, UnitType type)
    {
        IReadOnlyDictionary<string, int>? previous = null;
        if (before is not null)
        {
            previous = LeagueTable.Rank(type, before.Month, Facts(before, type), before.Rules).Rows.ToDictionary(r => r.UnitCode, r => r.Rank);
        }

        return LeagueTable.Rank(type, now.Month, Facts(now, type), now.Rules, previous);
    }

    public static IEnumerable<UnitFacts> Facts(PortfolioSnapshot s, UnitType type)
    {
        Func<EvaluatedProject, int?> key = type switch
        {
            UnitType.Town => p => p.TownId,
            UnitType.Command => p => p.CommandId,
            _ => p => p.ResponsibleUnitId,
        };

        foreach (var g in s.Projects.GroupBy(key))
        {
            if (g.Key is not { } id || !s.Units.TryGetValue(id, out var unit) || unit.Type != type)
            {
                continue;
            }

            var plan = g.Sum(p => p.AnnualPlan);

            // A unit's time progress is its projects' own, weighted by annual plan (month/12 on the default basis).
            var tp = plan > 0 ? g.Sum(p => p.AnnualPlan * p.Verdict.TimeProgress.Value) / plan : TimeProgress.Default(s.Month);
            yield return new UnitFacts
            {
                UnitCode = unit.Code,
                UnitName = unit.Name,
                UnitType = type,
                Projects = g.Count(),
                AnnualPlan = plan,
                Completed = g.Sum(p => p.Completed),
                TimeProgress = tp,
                DueToStart = g.Count(p => p.DueToStart),
                Started = g.Count(p => p.StartedWhenDue),
                MilestonesDue = g.Sum(p => p.MilestonesDue),
                MilestonesOnTime = g.Sum(p => p.MilestonesOnTime),
                ProblemsDue = g.Sum(p => p.ProblemsDue),
                ProblemsResolved = g.Sum(p => p.ProblemsResolved),
                ReportsDue = g.Sum(p => p.ReportsDue),
                ReportsOnTime = g.Sum(p => p.ReportsOnTime),
            };
        }
    }
}
