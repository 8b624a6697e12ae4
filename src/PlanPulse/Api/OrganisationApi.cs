using Microsoft.AspNetCore.Http.HttpResults;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Organisation;
using PlanPulse.App.Features.Reports;

namespace PlanPulse.Api;

/// <summary>
/// Units, people, tracks and lists: read the organisation of a year, create a record (POST) or change one (PUT with
/// the version read). The same App functions and checks as the /organisation pages and the workbook import.
/// </summary>
public static class OrganisationApi
{
    /// <summary>What a save answers: the record's id and its new version (for the next PUT).</summary>
    public sealed record Saved(int Id, int Version);

    public static IEndpointRouteBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organisation").WithTags("organisation").RequireAuthorization(Web.Auth.OfficePolicy);
        api.MapGet("/", Get).WithName("GetOrganisation");
        api.MapPost("/units", (AppDbContext db, UnitInput body, CancellationToken ct) => SaveAsync(() => OrganisationEdits.SaveUnitAsync(db, null, body, ct), u => new Saved(u.Id, u.Version))).WithName("CreateUnit");
        api.MapPut("/units/{id:int}", (AppDbContext db, int id, UnitInput body, CancellationToken ct) => SaveAsync(() => OrganisationEdits.SaveUnitAsync(db, id, body, ct), u => new Saved(u.Id, u.Version))).WithName("UpdateUnit");
        api.MapPost("/people", (AppDbContext db, PersonInput body, CancellationToken ct) => SaveAsync(() => OrganisationEdits.SavePersonAsync(db, null, body, ct), p => new Saved(p.Id, p.Version))).WithName("CreatePerson");
        api.MapPut("/people/{id:int}", (AppDbContext db, int id, PersonInput body, CancellationToken ct) => SaveAsync(() => OrganisationEdits.SavePersonAsync(db, id, body, ct), p => new Saved(p.Id, p.Version))).WithName("UpdatePerson");
        api.MapPost("/tracks", (AppDbContext db, TrackInput body, CancellationToken ct) => SaveAsync(() => OrganisationEdits.SaveTrackAsync(db, null, body, ct), t => new Saved(t.Id, t.Version))).WithName("CreateTrack");
        api.MapPut("/tracks/{id:int}", (AppDbContext db, int id, TrackInput body, CancellationToken ct) => SaveAsync(() => OrganisationEdits.SaveTrackAsync(db, id, body, ct), t => new Saved(t.Id, t.Version))).WithName("UpdateTrack");
        api.MapPost("/lists", (AppDbContext db, ListInput body, CancellationToken ct) => SaveAsync(() => OrganisationEdits.SaveListAsync(db, null, body, ct), l => new Saved(l.Id, l.Version))).WithName("CreateList");
        api.MapPut("/lists/{id:int}", (AppDbContext db, int id, ListInput body, CancellationToken ct) => SaveAsync(() => OrganisationEdits.SaveListAsync(db, id, body, ct), l => new Saved(l.Id, l.Version))).WithName("UpdateList");
        return app;
    }

    private static async Task<Ok<OrganisationView>> Get(AppDbContext db, TimeProvider clock, int? year, bool? all, CancellationToken ct)
    {
        var y = await ExcelApi.YearAsync(db, year, clock, ct);
        return TypedResults.Ok(await OrganisationQueries.GetAsync(db, y, all ?? false, ct));
    }

    private static async Task<Results<Ok<Saved>, ValidationProblem, ProblemHttpResult, NotFound>> SaveAsync<T>(Func<Task<T>> save, Func<T, Saved> saved)
    {
        try
        {
            return TypedResults.Ok(saved(await save()));
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value), title: "校验未通过,未保存");
        }
        catch (ConcurrencyConflictException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "保存冲突", extensions: new Dictionary<string, object?> { ["currentVersion"] = ex.CurrentVersion });
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
    }
}
