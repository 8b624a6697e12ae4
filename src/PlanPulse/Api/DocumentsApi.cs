using Microsoft.AspNetCore.Http.HttpResults;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Briefing;
using PlanPulse.App.Features.Portfolio;

namespace PlanPulse.Api;

/// <summary>The documents people file: the monthly briefing (.docx / .xlsx) and the annual execution report draft (.docx).</summary>
public static class DocumentsApi
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/documents").WithTags("documents");
        api.MapGet("/briefing", Briefing).WithName("GetMonthlyBriefing");
        api.MapGet("/annual", Annual).WithName("GetAnnualDraft");
        return app;
    }

    // The briefing is built from what the caller may see: the plan office and leaders get the whole district, a unit
    // its own projects (the query filters apply as to every list).
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Briefing(AppDbContext db, int? year, int? month, string? list, string? format, CancellationToken ct)
    {
        format = string.IsNullOrWhiteSpace(format) ? "docx" : format.Trim().ToLowerInvariant();
        if (format is not "docx" and not "xlsx")
        {
            return PortfolioApi.Bad("format", $"格式应为 docx 或 xlsx,收到“{format}”");
        }

        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return PortfolioApi.BadPeriod(error);
        }

        var model = await MonthlyBriefing.BuildAsync(db, ym, list, ct);
        var name = $"{ym.Year}年{ym.Month}月重大项目推进情况通报.{format}";
        return format == "docx"
            ? TypedResults.File(MonthlyBriefing.ToDocx(model), Docx, name)
            : TypedResults.File(MonthlyBriefing.ToXlsx(model), Xlsx, name);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Annual(AppDbContext db, int? year, CancellationToken ct)
    {
        if (year is not { } y || y is < 2000 or > 2100)
        {
            return PortfolioApi.Bad("year", "请指定年份(2000–2100)");
        }

        var model = await AnnualDraft.BuildAsync(db, y, ct);
        if (model.Actuals.Count == 0)
        {
            return TypedResults.Problem(title: "没有全年数据", detail: $"{y}年没有全年指标数据,无法生成报告初稿", statusCode: 404);
        }

        return TypedResults.File(AnnualDraft.ToDocx(model), Docx, $"{y}年计划执行情况与{y + 1}年计划草案的报告(初稿).docx");
    }
}
