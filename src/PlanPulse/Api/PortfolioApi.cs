using Microsoft.AspNetCore.Http.HttpResults;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Projects;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Api;

/// <summary>The portfolio's JSON API. Amounts in 万元, rates as fractions; errors as RFC 7807 problem details.</summary>
public static class PortfolioApi
{
    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("portfolio");
        api.MapGet("/portfolio/summary", GetSummary).WithName("GetPortfolioSummary");
        api.MapGet("/projects", ListProjects).WithName("ListProjects");
        api.MapGet("/projects/{id:int}", GetProject).WithName("GetProject");
        api.MapGet("/portfolio/rollup", GetRollup).WithName("GetPortfolioRollup");
        api.MapGet("/rankings", GetRankings).WithName("GetRankings");
        api.MapGet("/problems", ListProblems).WithName("ListProblems");
        api.MapPost("/reports", SubmitReport).RequireAuthorization(Web.Auth.WriterPolicy).WithName("SubmitMonthlyReport");
        return app;
    }

    private static async Task<Results<Ok<PortfolioSummaryDto>, ProblemHttpResult>> GetSummary(AppDbContext db, int? year, int? month, string? list, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return BadPeriod(error);
        }

        return TypedResults.Ok(await PortfolioSummary.GetAsync(db, ym, list, ct));
    }

    private static async Task<Results<Ok<ProjectPageDto>, ProblemHttpResult>> ListProjects(
        AppDbContext db, int? year, int? month, string? list, int? track, string? tier, int? unit, int? town, int? command,
        string? colour, string? phase, string? q, string? sort, int? page, int? pageSize, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return BadPeriod(error);
        }

        Colour? c = null;
        if (!string.IsNullOrWhiteSpace(colour))
        {
            if (!Enum.TryParse<Colour>(colour, true, out var cc) || !Enum.IsDefined(cc))
            {
                return Bad("colour", $"未知颜色:{colour}(blue/green/yellow/red/grey)");
            }

            c = cc;
        }

        Phase? ph = null;
        if (!string.IsNullOrWhiteSpace(phase))
        {
            if (!Enum.TryParse<Phase>(phase, true, out var pp) || !Enum.IsDefined(pp))
            {
                return Bad("phase", $"未知阶段:{phase}");
            }

            ph = pp;
        }

        var filter = new ProjectFilter
        {
            List = list,
            TrackId = track,
            Tier = tier,
            UnitId = unit,
            TownId = town,
            CommandId = command,
            Colour = c,
            Phase = ph,
            Query = q,
            Sort = sort,
            Page = page ?? 1,
            PageSize = pageSize ?? 50,
        };
        return TypedResults.Ok(await ProjectQueries.ListAsync(db, ym, filter, ct));
    }

    private static async Task<Results<Ok<ProjectDetailDto>, NotFound, ProblemHttpResult>> GetProject(AppDbContext db, int id, int? year, int? month, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return BadPeriod(error);
        }

        var detail = await ProjectQueries.DetailAsync(db, id, ym, ct);
        return detail is null ? TypedResults.NotFound() : TypedResults.Ok(detail);
    }

    private static async Task<Results<Ok<RollupDto>, ProblemHttpResult>> GetRollup(AppDbContext db, int? year, int? month, string? by, string? list, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return BadPeriod(error);
        }

        by = string.IsNullOrWhiteSpace(by) ? "track" : by.Trim().ToLowerInvariant();
        if (!Rollups.Dimensions.Contains(by))
        {
            return Bad("by", $"未知的汇总维度:{by}({string.Join("/", Rollups.Dimensions)})");
        }

        return TypedResults.Ok(await Rollups.GetAsync(db, ym, by, list, ct));
    }

    private static async Task<Results<Ok<RankingsDto>, ProblemHttpResult>> GetRankings(AppDbContext db, int? year, int? month, string? unitType, string? list, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return BadPeriod(error);
        }

        UnitType? type = null;
        if (!string.IsNullOrWhiteSpace(unitType))
        {
            if (!Enum.TryParse<UnitType>(unitType, true, out var t) || !Rankings.RankedTypes.Contains(t))
            {
                return Bad("unitType", $"未知单位类型:{unitType}(department/town/command)");
            }

            type = t;
        }

        return TypedResults.Ok(await Rankings.GetAsync(db, ym, type, list, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<ProblemDto>>, ProblemHttpResult>> ListProblems(AppDbContext db, int? year, int? month, bool? open, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return BadPeriod(error);
        }

        return TypedResults.Ok(await ProjectQueries.ProblemsAsync(db, ym, open: open, ct: ct));
    }

    /// <summary>Body of <c>POST /api/reports</c>. Amount may be a number or a string as typed (全角数字 accepted).</summary>
    public sealed record ReportBody(int? ProjectId, string? ProjectCode, string? Month, System.Text.Json.JsonElement? Amount, string? Progress, string? CorrectionNote, string[]? Milestones, bool? Submit, int? Version);

    private static async Task<Results<Ok<SubmitMonthlyReportResult>, ValidationProblem, ProblemHttpResult>> SubmitReport(AppDbContext db, TimeProvider clock, IRequestActor actor, ReportBody body, CancellationToken ct)
    {
        var amount = body.Amount is { } a ? a.ValueKind switch
        {
            // A JSON number is exact as sent (1e5 included); only typed text goes through the amount rules.
            System.Text.Json.JsonValueKind.Number => a.TryGetDecimal(out var d) ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : a.GetRawText(),
            System.Text.Json.JsonValueKind.String => a.GetString(),
            _ => a.GetRawText(),
        } : null;
        var command = new SubmitMonthlyReportCommand(body.ProjectCode, body.ProjectId, body.Month, amount, body.Progress, body.CorrectionNote, body.Milestones, body.Submit ?? true, body.Version);
        try
        {
            // The submitter is the signed-in user (cookie or bearer token), as on the entry page, not the channel.
            return TypedResults.Ok(await SubmitMonthlyReport.HandleAsync(db, command, actor.UserName, clock, ct));
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value), title: "月报校验未通过,未保存");
        }
        catch (ConcurrencyConflictException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "保存冲突", extensions: new Dictionary<string, object?> { ["currentVersion"] = ex.CurrentVersion });
        }
    }

    internal static ProblemHttpResult BadPeriod(string? error) => Bad("month", error ?? "月份无效");

    internal static ProblemHttpResult Bad(string field, string message) =>
        TypedResults.Problem(message, statusCode: StatusCodes.Status400BadRequest, title: "请求参数无效", extensions: new Dictionary<string, object?> { ["field"] = field });
}
