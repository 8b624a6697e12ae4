using Microsoft.AspNetCore.Http.HttpResults;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Indicators;

namespace PlanPulse.Api;

/// <summary>Plan indicators: the month's evaluation and the five-year view. Values in each indicator's own unit.</summary>
public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/indicators").WithTags("indicators");
        api.MapGet("/", GetIndicators).WithName("GetIndicators");
        api.MapGet("/five-year", GetFiveYear).WithName("GetFiveYearView");
        api.MapGet("/regions", GetRegions).WithName("GetIndicatorRegions");
        return app;
    }

    private static async Task<Results<Ok<IndicatorsDto>, ProblemHttpResult>> GetIndicators(AppDbContext db, int? year, int? month, string? region, CancellationToken ct)
    {
        var (m, error) = await IndicatorQueries.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return PortfolioApi.BadPeriod(error);
        }

        return TypedResults.Ok(await IndicatorQueries.GetAsync(db, ym, region?.Trim() ?? "", ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<RegionColoursDto>>, ProblemHttpResult>> GetRegions(AppDbContext db, int? year, int? month, CancellationToken ct)
    {
        var (m, error) = await IndicatorQueries.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return PortfolioApi.BadPeriod(error);
        }

        return TypedResults.Ok(await IndicatorQueries.RegionSummaryAsync(db, ym, ct));
    }

    private static async Task<Results<Ok<FiveYearDto>, ProblemHttpResult>> GetFiveYear(AppDbContext db, string? plan, CancellationToken ct) =>
        await FiveYearQueries.GetAsync(db, plan, ct) is { } dto
            ? TypedResults.Ok(dto)
            : TypedResults.Problem(title: "未找到五年规划", detail: string.IsNullOrWhiteSpace(plan) ? "尚无五年规划" : $"未找到五年规划:{plan}", statusCode: 404);
}
