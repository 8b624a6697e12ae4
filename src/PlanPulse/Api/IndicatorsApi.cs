using System.Text.Json;
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
        api.MapGet("/template", GetTemplate).RequireAuthorization(Web.Auth.OfficePolicy).WithName("GetIndicatorTemplate");
        api.MapPost("/import", ImportAsync).RequireAuthorization(Web.Auth.OfficePolicy).DisableAntiforgery().WithName("ImportIndicatorWorkbook");
        api.MapPost("/observations", RecordObservationsAsync).RequireAuthorization(Web.Auth.OfficePolicy).WithName("RecordIndicatorObservations");
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

    /// <summary>
    /// One posted figure. Value and growth may be numbers or strings as typed (全角数字, "6.5%"); a non-number is
    /// reported on its row instead of failing the whole body.
    /// </summary>
    public sealed record ObservationBody(string? IndicatorCode, string? Period, JsonElement? Value, JsonElement? Growth, bool? Final, string? Source, string? Note, int? Version, string? Unit, string? Region);

    public sealed record ObservationsBody(ObservationBody?[]? Rows);

    /// <summary><c>POST /api/indicators/observations</c>: all rows are saved or none; errors keyed <c>rows[i].field</c>.</summary>
    private static Task<Results<Ok<RecordObservationsResult>, ValidationProblem, ProblemHttpResult>> RecordObservationsAsync(AppDbContext db, TimeProvider clock, ObservationsBody body, CancellationToken ct)
    {
        var rows = (body.Rows ?? []).Select(r => r is null
            ? null!
            : new ObservationInput(r.IndicatorCode, r.Period, Text(r.Value), Text(r.Growth), r.Final ?? false, r.Source, r.Note, r.Version, r.Unit, r.Region)).ToList();
        return ProblemsApi.Run(() => RecordObservations.HandleAsync(db, new RecordObservationsCommand(rows), clock, ct));
    }

    private static string? Text(JsonElement? e) => e is not { } v ? null : v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => v.GetString(),
        // A JSON number is exact as sent (1e5 included); only typed text goes through the amount rules.
        JsonValueKind.Number when v.TryGetDecimal(out var d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => v.GetRawText(),
    };

    private static async Task<Results<Ok<FiveYearDto>, ProblemHttpResult>> GetFiveYear(AppDbContext db, string? plan, CancellationToken ct) =>
        await FiveYearQueries.GetAsync(db, plan, ct) is { } dto
            ? TypedResults.Ok(dto)
            : TypedResults.Problem(title: "未找到五年规划", detail: string.IsNullOrWhiteSpace(plan) ? "尚无五年规划" : $"未找到五年规划:{plan}", statusCode: 404);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetTemplate(AppDbContext db, int? year, int? month, CancellationToken ct)
    {
        var (m, error) = await IndicatorQueries.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return PortfolioApi.BadPeriod(error);
        }

        return TypedResults.File(await IndicatorWorkbook.TemplateAsync(db, ym, ct), DocumentsApi.Xlsx, $"指标数据填报模板-{ym.Year}年{ym.Month}月.xlsx");
    }

    // Bearer-token clients (scripts) post the file. No antiforgery token: the sign-in cookie is SameSite=Strict, so a
    // cross-site form cannot post here signed in.
    private static async Task<Results<Ok<IndicatorWorkbook.ImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(AppDbContext db, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        // The form is read here rather than bound as IFormFile: a bound file makes routing answer 415 to a wrong
        // content type before authorisation has run, telling an unauthorised caller more than 403 would.
        var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") ?? (await request.ReadFormAsync(ct)).Files.FirstOrDefault() : null;
        if (file is null || file.Length == 0)
        {
            return PortfolioApi.Bad("file", "请上传 .xlsx 文件");
        }

        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        return await ProblemsApi.Run(() => IndicatorWorkbook.ImportAsync(db, stream, clock, ct));
    }
}
