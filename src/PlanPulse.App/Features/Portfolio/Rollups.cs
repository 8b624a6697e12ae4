using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Portfolio;

public sealed record RollupDto(int Year, int Month, string List, string By, IReadOnlyList<GroupDto> Groups);

/// <summary>Totals of an evaluated list grouped by track, tier (other lists), unit, town, command or phase.</summary>
public static class Rollups
{
    public static readonly string[] Dimensions = ["track", "tier", "unit", "town", "command", "phase"];

    public static async Task<RollupDto> GetAsync(AppDbContext db, YearMonth month, string by, string? list, CancellationToken ct = default)
    {
        var s = await PortfolioEvaluator.EvaluateAsync(db, month, list, ct);
        IReadOnlyList<RollupRow> rows = by switch
        {
            "track" => Rollup.By(s.Projects, p => p.Track ?? "未分专项", p => p.Line),
            "tier" => Rollup.By(s.Projects, p => p.Lists, p => p.Line),
            "unit" => Rollup.By(s.Projects.OrderBy(p => Order(s, p.ResponsibleUnitId)), p => p.ResponsibleUnit, p => p.Line),
            "town" => Rollup.By(s.Projects.OrderBy(p => Order(s, p.TownId)), p => p.Town ?? "未定街镇", p => p.Line),
            "command" => Rollup.By(s.Projects.OrderBy(p => Order(s, p.CommandId)), p => p.Command ?? "未定指挥部", p => p.Line),
            "phase" => Rollup.By(s.Projects.OrderBy(p => p.Phase), p => Names.Of(p.Phase), p => p.Line),
            _ => throw new ArgumentOutOfRangeException(nameof(by), by, $"未知的汇总维度:{by}"),
        };
        return new RollupDto(s.Year, s.Month.Month, s.ListCode, by, rows.Select(GroupDto.From).ToList());
    }

    private static (int, int, string) Order(PortfolioSnapshot s, int? unitId) =>
        unitId is { } id && s.Units.TryGetValue(id, out var u) ? ((int)u.Type, u.SortOrder, u.Code) : (99, 0, "");
}
