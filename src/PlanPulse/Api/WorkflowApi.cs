using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.App.Features.Audit;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Periods;
using PlanPulse.Web;

namespace PlanPulse.Api;

/// <summary>Review of monthly reports, locked months, missing reports, accounts and the audit trail.</summary>
public static class WorkflowApi
{
    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("workflow");
        reports.MapPost("/{id:int}/approve", Approve).RequireAuthorization(Auth.OfficePolicy).WithName("ApproveReport");
        reports.MapPost("/{id:int}/return", Return).RequireAuthorization(Auth.OfficePolicy).WithName("ReturnReport");
        reports.MapGet("/missing", Missing).WithName("MissingReports");

        var locks = app.MapGroup("/api/locks").WithTags("workflow");
        locks.MapGet("/", ListLocks).WithName("ListLocks");
        locks.MapPost("/{month}", Lock).RequireAuthorization(Auth.OfficePolicy).WithName("LockMonth");
        locks.MapPost("/{month}/reopen", Reopen).RequireAuthorization(Auth.OfficePolicy).WithName("ReopenMonth");

        var admin = app.MapGroup("/api/admin").WithTags("admin").RequireAuthorization(Auth.AdminPolicy);
        admin.MapGet("/users", async (AppDbContext db, CancellationToken ct) => TypedResults.Ok(await Accounts.ListAsync(db, ct))).WithName("ListUsers");
        admin.MapGet("/audit", SearchAudit).WithName("SearchAudit");

        app.MapGet("/api/history/{entity}/{key}", History).WithTags("admin").RequireAuthorization(Auth.OfficePolicy).WithName("History");
        app.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(new
        {
            name = user.Identity?.Name,
            display = user.FindFirstValue("pp:display"),
            role = user.FindFirstValue(ClaimTypes.Role),
            scope = Auth.ScopeOf(user),
        })).WithTags("admin").WithName("Me");
        return app;
    }

    public sealed record ReviewBody(int? Version, string? Reason);

    public sealed record LockBody(string? Reason);

    private static Task<Results<Ok<ReviewResult>, ValidationProblem, ProblemHttpResult>> Approve(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, int id, ReviewBody? body, CancellationToken ct) =>
        ProblemsApi.Run(() => ReviewMonthlyReport.ApproveAsync(db, id, body?.Version, user.Identity!.Name!, clock, ct));

    private static Task<Results<Ok<ReviewResult>, ValidationProblem, ProblemHttpResult>> Return(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, int id, ReviewBody? body, CancellationToken ct) =>
        ProblemsApi.Run(() => ReviewMonthlyReport.ReturnAsync(db, id, body?.Version, user.Identity!.Name!, body?.Reason, clock, ct));

    private static async Task<Results<Ok<IReadOnlyList<MissingReportDto>>, ProblemHttpResult>> Missing(AppDbContext db, int? year, int? month, string? list, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return PortfolioApi.BadPeriod(error);
        }

        return TypedResults.Ok(await ReviewMonthlyReport.MissingAsync(db, ym, list, ct));
    }

    private static async Task<Ok<IReadOnlyList<MonthLockDto>>> ListLocks(AppDbContext db, int? year, CancellationToken ct) =>
        TypedResults.Ok(await MonthLocks.ListAsync(db, year ?? await db.ProjectLists.MaxAsync(l => (int?)l.Year, ct) ?? 2023, ct));

    private static async Task<Results<Ok<MonthLockDto>, ValidationProblem, ProblemHttpResult>> Lock(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, string month, LockBody? body, CancellationToken ct)
    {
        if (!YearMonth.TryParse(month, out var ym))
        {
            return PortfolioApi.Bad("month", $"月份格式应为 yyyyMM 或 yyyy-MM,收到“{month}”");
        }

        return await ProblemsApi.Run(() => MonthLocks.LockAsync(db, ym, user.Identity!.Name!, body?.Reason, clock, ct));
    }

    private static async Task<Results<Ok<MonthLockDto>, ValidationProblem, ProblemHttpResult>> Reopen(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, string month, LockBody? body, CancellationToken ct)
    {
        if (!YearMonth.TryParse(month, out var ym))
        {
            return PortfolioApi.Bad("month", $"月份格式应为 yyyyMM 或 yyyy-MM,收到“{month}”");
        }

        return await ProblemsApi.Run(() => MonthLocks.ReopenAsync(db, ym, user.Identity!.Name!, body?.Reason, clock, ct));
    }

    private static async Task<Ok<AuditPageDto>> SearchAudit(AppDbContext db, string? user, string? entity, string? key, DateTime? from, DateTime? to, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await AuditQueries.SearchAsync(db, user, entity, key, from, to, page ?? 1, pageSize ?? 50, ct));

    private static async Task<Ok<IReadOnlyList<AuditDto>>> History(AppDbContext db, string entity, string key, CancellationToken ct) =>
        TypedResults.Ok(await AuditQueries.HistoryAsync(db, entity, key, ct));
}
