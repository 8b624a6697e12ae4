using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PlanPulse.App.Data;
using PlanPulse.App.Features.KeyTasks;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Tasks;

namespace PlanPulse.Api;

/// <summary>
/// The key-task list (重点任务清单): every signed-in user reads it (it is the published responsibility list); the plan
/// office creates and edits tasks; a writer records the month's progress of the tasks its unit leads (data scope).
/// </summary>
public static class KeyTasksApi
{
    public static IEndpointRouteBuilder MapKeyTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/key-tasks").WithTags("key tasks");
        api.MapGet("/", ListAsync).WithName("GetKeyTasks")
            .WithDescription("The year's key tasks as of a month (?year=2023&month=6), each with its colour and the status shown; filters: unit (id), status (not-started/in-progress/done/lagging), overdue (true/false).");
        api.MapGet("/export", ExportAsync).WithName("ExportKeyTasks").WithDescription("The list as .xlsx; re-importable unchanged through POST /api/import/key-tasks.");
        api.MapGet("/{id:int}", GetAsync).WithName("GetKeyTask");
        api.MapPost("/", CreateAsync).RequireAuthorization(Web.Auth.OfficePolicy).WithName("CreateKeyTask");
        api.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(Web.Auth.OfficePolicy).WithName("UpdateKeyTask");
        api.MapPost("/{id:int}/progress", ProgressAsync).RequireAuthorization(Web.Auth.WriterPolicy).WithName("WriteKeyTaskProgress")
            .WithDescription("The month's progress note of a task, by its lead unit (or the plan office); noteVersion is required to rewrite a month that has one.");
        return app;
    }

    public sealed record KeyTaskBody(int? Year, int? Version, string? Text, string? Metric, string? Quantity, string? Unit, string? Section,
        string? LeadUnitCode, IReadOnlyList<string>? CoUnitCodes, string? Deadline, string? Status, string? ResponsibleUnits);

    public sealed record ProgressBody(string? Month, string? Text, string? Status, int? NoteVersion);

    private static async Task<Results<Ok<IReadOnlyList<KeyTaskDto>>, ProblemHttpResult>> ListAsync(
        AppDbContext db, TimeProvider clock, int? year, int? month, int? unit, string? status, string? overdue, CancellationToken ct)
    {
        if (year is not { } y || y is < 2000 or > 2100)
        {
            return PortfolioApi.Bad("year", "请指定年份(2000–2100)");
        }

        if (month is { } m && m is < 1 or > 12)
        {
            return PortfolioApi.Bad("month", $"月份应为1–12,收到{m}");
        }

        KeyTaskStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!KeyTaskRules.TryParseStatus(status, out var parsed))
            {
                return PortfolioApi.Bad("status", $"未知状态:{status}(not-started/in-progress/done/lagging)");
            }

            s = parsed;
        }

        bool? o = null;
        if (!string.IsNullOrWhiteSpace(overdue))
        {
            if (!bool.TryParse(overdue, out var b))
            {
                return PortfolioApi.Bad("overdue", $"overdue 应为 true 或 false,收到“{overdue}”");
            }

            o = b;
        }

        var asOf = await AsOfAsync(db, clock, y, month, ct);
        return TypedResults.Ok(await KeyTaskQueries.ListAsync(db, y, asOf, new KeyTaskFilter(unit, s, o), ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(AppDbContext db, TimeProvider clock, int? year, int? month, CancellationToken ct)
    {
        if (year is not { } y || y is < 2000 or > 2100)
        {
            return PortfolioApi.Bad("year", "请指定年份(2000–2100)");
        }

        var asOf = await AsOfAsync(db, clock, y, month is >= 1 and <= 12 ? month : null, ct);
        var bytes = KeyTaskWorkbook.Export(y, await KeyTaskQueries.ListAsync(db, y, asOf, null, ct));
        return TypedResults.File(bytes, DocumentsApi.Xlsx, $"{y}年重点任务责任清单.xlsx");
    }

    private static async Task<Results<Ok<KeyTaskDetailDto>, NotFound>> GetAsync(AppDbContext db, TimeProvider clock, int id, CancellationToken ct) =>
        await KeyTaskQueries.GetAsync(db, id, KeyTaskQueries.Today(clock), ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    private static Task<Results<Ok<KeyTaskSaved>, ValidationProblem, ProblemHttpResult>> CreateAsync(AppDbContext db, TimeProvider clock, KeyTaskBody body, CancellationToken ct) =>
        ProblemsApi.Run(() => KeyTaskCommands.CreateAsync(db, new CreateKeyTaskCommand(body.Year ?? 0, Input(body)), clock, ct));

    private static Task<Results<Ok<KeyTaskSaved>, ValidationProblem, ProblemHttpResult>> UpdateAsync(AppDbContext db, int id, KeyTaskBody body, CancellationToken ct) =>
        ProblemsApi.Run(() => KeyTaskCommands.UpdateAsync(db, new UpdateKeyTaskCommand(id, body.Version ?? throw PlanDocumentsApi.MissingVersion(), Input(body)), ct));

    private static Task<Results<Ok<ProgressSaved>, ValidationProblem, ProblemHttpResult>> ProgressAsync(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, int id, ProgressBody body, CancellationToken ct) =>
        ProblemsApi.Run(() => KeyTaskCommands.WriteProgressAsync(db, new WriteProgressCommand(id, body.Month, body.Text, body.Status, body.NoteVersion), user.Identity!.Name!, clock, ct));

    private static KeyTaskInput Input(KeyTaskBody b) =>
        new(b.Text, b.Metric, b.Quantity, b.Unit, b.Section, b.LeadUnitCode, b.CoUnitCodes, b.Deadline, b.Status, b.ResponsibleUnits);

    /// <summary>As of a month (the day after its notes were due), or today when no month is given.</summary>
    public static async Task<DateOnly> AsOfAsync(AppDbContext db, TimeProvider clock, int year, int? month, CancellationToken ct) =>
        month is { } m ? await KeyTaskQueries.AsOfAsync(db, new YearMonth(year, m), clock, ct) : KeyTaskQueries.Today(clock);
}
