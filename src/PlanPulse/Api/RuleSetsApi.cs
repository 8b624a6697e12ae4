using Microsoft.AspNetCore.Http.HttpResults;
using PlanPulse.App.Data;
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

    private static async Task<Ok<RuleSet>> Get(AppDbContext db, int year, CancellationToken ct) =>
        TypedResults.Ok(await RuleSets.LoadAsync(db, year, ct));

    private static async Task<Results<Ok<RuleSet>, ValidationProblem>> Put(AppDbContext db, int year, RuleSet rules, CancellationToken ct)
    {
        var errors = await RuleSets.SaveAsync(db, rules with { Year = year }, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ruleSet"] = errors.ToArray() }, title: "规则集校验未通过,未保存");
        }

        return TypedResults.Ok(await RuleSets.LoadAsync(db, year, ct));
    }
}
