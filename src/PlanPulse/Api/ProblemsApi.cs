using Microsoft.AspNetCore.Http.HttpResults;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Problems;
using PlanPulse.App.Features.Reports;

namespace PlanPulse.Api;

/// <summary>Problems raised by projects, escalated to a command and tracked to resolution.</summary>
public static class ProblemsApi
{
    public static IEndpointRouteBuilder MapProblemsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/problems").WithTags("problems").RequireAuthorization(Web.Auth.WriterPolicy);
        api.MapPost("/", Raise).WithName("RaiseProblem");
        api.MapPost("/{id:int}/escalate", Escalate).WithName("EscalateProblem");
        api.MapPost("/{id:int}/resolve", Resolve).WithName("ResolveProblem");
        return app;
    }

    public sealed record RaiseBody(int ProjectId, string? Description, string? Category, string? Month, DateOnly? Deadline);

    public sealed record EscalateBody(string? Note, int? Version);

    public sealed record ResolveBody(string? Resolution, DateOnly? ResolvedOn, int? Version);

    private static Task<Results<Ok<ProblemResult>, ValidationProblem, ProblemHttpResult>> Raise(AppDbContext db, TimeProvider clock, RaiseBody body, CancellationToken ct) =>
        Run(() => ProblemCommands.RaiseAsync(db, new RaiseProblemCommand(body.ProjectId, body.Description, body.Category, body.Month, body.Deadline), clock, ct));

    private static Task<Results<Ok<ProblemResult>, ValidationProblem, ProblemHttpResult>> Escalate(AppDbContext db, int id, EscalateBody? body, CancellationToken ct) =>
        Run(() => ProblemCommands.EscalateAsync(db, new EscalateProblemCommand(id, body?.Note, body?.Version), ct));

    private static Task<Results<Ok<ProblemResult>, ValidationProblem, ProblemHttpResult>> Resolve(AppDbContext db, TimeProvider clock, int id, ResolveBody body, CancellationToken ct) =>
        Run(() => ProblemCommands.ResolveAsync(db, new ResolveProblemCommand(id, body.Resolution, body.ResolvedOn, body.Version), clock, ct));

    internal static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value), title: "校验未通过,未保存");
        }
        catch (ConcurrencyConflictException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "保存冲突", extensions: new Dictionary<string, object?> { ["currentVersion"] = ex.CurrentVersion });
        }
    }
}
