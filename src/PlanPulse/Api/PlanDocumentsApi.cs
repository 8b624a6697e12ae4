using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PlanPulse.App.Data;
using PlanPulse.App.Features.PlanDocuments;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Indicators;

namespace PlanPulse.Api;

/// <summary>
/// Reading plan documents (plan office): upload a report, review its facts and tasks, accept them into the indicator
/// figures, targets and the key-task list (the list itself: <see cref="KeyTasksApi"/>).
/// </summary>
public static class PlanDocumentsApi
{
    public static IEndpointRouteBuilder MapPlanDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/plan-documents").WithTags("plan documents").RequireAuthorization(Web.Auth.OfficePolicy);
        api.MapGet("/", (AppDbContext db, CancellationToken ct) => PlanDocumentQueries.ListAsync(db, ct)).WithName("ListPlanDocuments");
        api.MapPost("/", UploadAsync).DisableAntiforgery().WithName("UploadPlanDocument");
        api.MapGet("/{id:int}", GetAsync).WithName("GetPlanDocument");
        api.MapPost("/{id:int}/accept-matching", (AppDbContext db, TimeProvider clock, ClaimsPrincipal user, int id, bool? create, CancellationToken ct) =>
            ProblemsApi.Run(() => ReviewPlanDocument.AcceptMatchingAsync(db, id, user.Identity!.Name!, clock, create ?? false, ct)))
            .WithName("AcceptMatchingFacts")
            .WithDescription("Accepts every pending fact whose indicator is certain; with ?create=true also makes the indicators the catalogue lacks.");
        api.MapPost("/facts/{id:int}/accept", AcceptFactAsync).WithName("AcceptProposedFact");
        api.MapPost("/facts/{id:int}/reject", RejectFactAsync).WithName("RejectProposedFact");
        api.MapPost("/facts/{id:int}/reopen", ReopenFactAsync).WithName("ReopenProposedFact");
        api.MapPost("/tasks/{id:int}/accept", AcceptTaskAsync).WithName("AcceptProposedTask");
        api.MapPost("/tasks/{id:int}/reject", RejectTaskAsync).WithName("RejectProposedTask");
        return app;
    }

    public sealed record NewIndicatorBody(string? Code, string? Category, Direction? Direction);

    public sealed record FactEditBody(string? Metric, string? Value, string? Unit, string? Growth, string? Qualifier, string? Year, string? Kind);

    public sealed record AcceptFactBody(int? Version, string? IndicatorCode, NewIndicatorBody? NewIndicator, FactEditBody? Edit, bool? Replace);

    public sealed record RejectBody(int? Version, string? Reason);

    public sealed record AcceptTaskBody(int? Version, string? Text, string? ResponsibleUnits, string? LeadUnitCode, IReadOnlyList<string>? CoUnitCodes, string? Deadline);

    private static async Task<Results<Ok<UploadedDocument>, ValidationProblem, ProblemHttpResult>> UploadAsync(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, HttpRequest request, CancellationToken ct)
    {
        // Read by hand, as the Excel import does: a malformed multipart body is the client's 400, not a 500.
        IFormFile? file;
        try
        {
            file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return PortfolioApi.Bad("file", $"上传内容无法读取:{ex.Message}");
        }

        if (file is null)
        {
            return PortfolioApi.Bad("file", "请以 multipart/form-data 上传文件,字段名 file");
        }

        if (file.Length > UploadPlanDocument.MaxBytes)
        {
            return PortfolioApi.Bad("file", $"文件过大,最大 {UploadPlanDocument.MaxBytes / 1024 / 1024} MB");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return await ProblemsApi.Run(() => UploadPlanDocument.HandleAsync(db, buffer.ToArray(), file.FileName, user.Identity!.Name!, clock, ct));
    }

    private static async Task<Results<Ok<PlanDocumentDto>, NotFound>> GetAsync(AppDbContext db, int id, CancellationToken ct) =>
        await PlanDocumentQueries.GetAsync(db, id, ct) is { } d ? TypedResults.Ok(d.Dto) : TypedResults.NotFound();

    private static Task<Results<Ok<ReviewedFact>, ValidationProblem, ProblemHttpResult>> AcceptFactAsync(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, int id, AcceptFactBody body, CancellationToken ct) =>
        ProblemsApi.Run(() =>
        {
            var version = body.Version ?? throw MissingVersion();
            var n = body.NewIndicator is { } ni ? new NewIndicatorInput(ni.Code, ni.Category, ni.Direction) : null;
            var e = body.Edit is { } x ? new FactEdit(x.Metric, x.Value, x.Unit, x.Growth, x.Qualifier, x.Year, x.Kind) : null;
            return ReviewPlanDocument.AcceptFactAsync(db, new AcceptFactCommand(id, version, body.IndicatorCode, n, e, body.Replace ?? false), user.Identity!.Name!, clock, ct);
        });

    private static Task<Results<Ok<ReviewedFact>, ValidationProblem, ProblemHttpResult>> RejectFactAsync(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, int id, RejectBody body, CancellationToken ct) =>
        ProblemsApi.Run(() => ReviewPlanDocument.RejectFactAsync(db, id, body.Version ?? throw MissingVersion(), body.Reason, user.Identity!.Name!, clock, ct));

    private static Task<Results<Ok<ReviewedFact>, ValidationProblem, ProblemHttpResult>> ReopenFactAsync(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, int id, RejectBody body, CancellationToken ct) =>
        ProblemsApi.Run(() => ReviewPlanDocument.ReopenFactAsync(db, id, body.Version ?? throw MissingVersion(), user.Identity!.Name!, clock, ct));

    private static Task<Results<Ok<ReviewedTask>, ValidationProblem, ProblemHttpResult>> AcceptTaskAsync(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, int id, AcceptTaskBody body, CancellationToken ct) =>
        ProblemsApi.Run(() => ReviewPlanDocument.AcceptTaskAsync(db, new AcceptTaskCommand(id, body.Version ?? throw MissingVersion(), body.Text, body.ResponsibleUnits, body.LeadUnitCode, body.CoUnitCodes, body.Deadline), user.Identity!.Name!, clock, ct));

    private static Task<Results<Ok<ReviewedTask>, ValidationProblem, ProblemHttpResult>> RejectTaskAsync(AppDbContext db, TimeProvider clock, ClaimsPrincipal user, int id, RejectBody body, CancellationToken ct) =>
        ProblemsApi.Run(() => ReviewPlanDocument.RejectTaskAsync(db, id, body.Version ?? throw MissingVersion(), user.Identity!.Name!, clock, ct));

    // Every review is a change of a versioned record: without the version read, a second reviewer could overwrite the first.
    internal static ValidationFailedException MissingVersion() => new(new Dictionary<string, string[]> { ["version"] = ["请提供版本号(version),以免覆盖他人的审核"] });
}
