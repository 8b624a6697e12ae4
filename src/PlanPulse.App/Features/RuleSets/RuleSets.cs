using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.RuleSets;

/// <summary>Loads and saves a year's rule set; a year without one uses the published defaults.</summary>
public static class RuleSets
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<RuleSet> LoadAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        var record = await db.RuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        if (record is null)
        {
            return RuleSet.DefaultFor(year);
        }

        var rules = JsonSerializer.Deserialize<RuleSet>(record.Json, Json) ?? RuleSet.DefaultFor(year);
        return rules with { Year = year };
    }

    /// <summary>Saves after validation; returns the Chinese validation errors (nothing saved when any).</summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(AppDbContext db, RuleSet rules, CancellationToken ct = default)
    {
        var errors = rules.Validate();
        if (errors.Count > 0)
        {
            return errors;
        }

        var json = JsonSerializer.Serialize(rules, Json);
        var record = await db.RuleSets.FirstOrDefaultAsync(r => r.Year == rules.Year, ct);
        if (record is null)
        {
            db.RuleSets.Add(new RuleSetRecord { Year = rules.Year, Json = json });
        }
        else
        {
            record.Json = json;
        }

        await db.SaveChangesAsync(ct);
        return [];
    }
}
