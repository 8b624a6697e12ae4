using PlanPulse.App.Data;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Portfolio;

/// <summary>Colour counts in the API's shape.</summary>
public sealed record ColoursDto(int Blue, int Green, int Yellow, int Red, int Grey)
{
    public static ColoursDto From(ColourCounts c) => new(c.Blue, c.Green, c.Yellow, c.Red, c.Grey);
}

/// <summary>Totals of a group. Amounts in 万元, rates as fractions (0.5 = 50%).</summary>
public sealed record GroupDto(string Name, int Projects, decimal TotalInvestment, decimal AnnualPlan, decimal Completed, decimal? CompletionRate, ColoursDto Colours)
{
    public static GroupDto From(RollupRow r) => new(r.Key, r.Projects, r.TotalInvestment, r.AnnualPlan, r.Completed, r.CompletionRate, ColoursDto.From(r.Colours));
}

/// <summary>The portfolio for a month: <c>GET /api/portfolio/summary</c> and <c>planpulse summary --json</c>.</summary>
public sealed record PortfolioSummaryDto(
    int Year,
    int Month,
    string List,
    string ListName,
    int Projects,
    decimal TotalInvestment,
    decimal AnnualPlan,
    decimal Completed,
    decimal? CompletionRate,
    decimal TimeProgress,
    string TimeProgressBasis,
    decimal? GapPoints,
    ColoursDto Colours,
    IReadOnlyList<GroupDto> Tracks,
    int NewStarts,
    int OpenProblems,
    bool DemoData);

public static class PortfolioSummary
{
    public static async Task<PortfolioSummaryDto> GetAsync(AppDbContext db, YearMonth month, string? list, CancellationToken ct = default)
    {
        var snapshot = await PortfolioEvaluator.EvaluateAsync(db, month, list, ct);
        var demo = await DemoMarker.IsDemoAsync(db, ct);
        return From(snapshot, demo);
    }

    public static PortfolioSummaryDto From(PortfolioSnapshot s, bool demo)
    {
        var total = Rollup.Total(s.ListName, s.Projects.Select(p => p.Line));
        var tp = TimeProgress.Default(s.Month);

        // Tracks in their configured order; projects without a track form a group of their own at the end.
        var byTrack = Rollup.By(s.Projects, p => p.Track ?? "未分专项", p => p.Line).ToDictionary(r => r.Key);
        var tracks = s.Tracks.Select(t => t.Name).Where(byTrack.ContainsKey)
            .Concat(byTrack.Keys.Where(k => s.Tracks.All(t => t.Name != k)))
            .Select(k => GroupDto.From(byTrack[k]))
            .ToList();

        return new PortfolioSummaryDto(
            s.Year,
            s.Month.Month,
            s.ListCode,
            s.ListName,
            total.Projects,
            total.TotalInvestment,
            total.AnnualPlan,
            total.Completed,
            total.CompletionRate,
            tp,
            "month/12",
            total.CompletionRate is { } r ? Math.Round((tp - r) * 100m, 2) : null,
            ColoursDto.From(total.Colours),
            tracks,
            s.Projects.Count(p => p.ActualStart is { } a && a.Year == s.Year && a <= s.Month),
            s.Projects.Sum(p => p.OpenProblems),
            demo);
    }
}

public static class DemoMarker
{
    public const string Key = "demo-data";

    public static async Task<bool> IsDemoAsync(AppDbContext db, CancellationToken ct = default) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Settings, s => s.Key == Key, ct);
}
