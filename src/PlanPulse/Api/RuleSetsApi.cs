using Microsoft.AspNetCore.Http.HttpResults;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Features.RuleSets;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Api;

/// <summary>The year's rule set (thresholds, weights, red/black list sizes, exemptions): read and replace.</summary>
public static class RuleSetsApi
{
    public static IEndpointRouteBuilder MapRuleSetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rulesets").WithTags("rulesets");
        api.MapGet("/{year:int}", Get).WithName("GetRuleSet");
        api.MapPut("/{year:int}", Put).RequireAuthorization(Web.Auth.OfficePolicy).WithName("PutRuleSet");
        return app;
    }

    // The stored version travels in the ETag; a PUT with ?version= (the one read) is refused with 409 and the current
    // version when someone else saved in between, like every other versioned record, instead of overwriting silently.
    private static async Task<Ok<RuleSet>> Get(AppDbContext db, HttpResponse response, int year, CancellationToken ct)
    {
        var rules = await RuleSets.LoadAsync(db, year, ct);
        response.Headers.ETag = Tag(await RuleSets.VersionAsync(db, year, ct));
        return TypedResults.Ok(rules);
    }

    private static async Task<Results<Ok<RuleSet>, ValidationProblem, ProblemHttpResult>> Put(AppDbContext db, HttpResponse response, int year, int? version, RuleSet rules, CancellationToken ct)
    {
        IReadOnlyList<string> errors;
        try
        {
            errors = await RuleSets.SaveAsync(db, rules with { Year = year }, version, ct);
        }
        catch (ConcurrencyConflictException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "保存冲突", extensions: new Dictionary<string, object?> { ["currentVersion"] = ex.CurrentVersion });
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ruleSet"] = errors.ToArray() }, title: "规则集校验未通过,未保存");
        }

        response.Headers.ETag = Tag(await RuleSets.VersionAsync(db, year, ct));
        return TypedResults.Ok(await RuleSets.LoadAsync(db, year, ct));
    }

    private static string Tag(int version) => $"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";
}
