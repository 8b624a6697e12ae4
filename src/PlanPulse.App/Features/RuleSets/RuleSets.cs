using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
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

    /// <summary>The stored version of a year's rule set; 0 while the year uses the defaults.</summary>
    public static async Task<int> VersionAsync(AppDbContext db, int year, CancellationToken ct = default) =>
        await db.RuleSets.AsNoTracking().Where(r => r.Year == year).Select(r => (int?)r.Version).FirstOrDefaultAsync(ct) ?? 0;

    /// <summary>
    /// Saves after validation; returns the Chinese validation errors (nothing saved when any). With
    /// <paramref name="version"/> (the version the editor read, 0 for the defaults) a save over someone else's is
    /// refused with <see cref="ConcurrencyConflictException"/>; two saves racing on the same version always were
    /// (the version column is the concurrency token), but used to surface as a 500.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(AppDbContext db, RuleSet rules, CancellationToken ct = default) =>
        await SaveAsync(db, rules, null, ct);

    public static async Task<IReadOnlyList<string>> SaveAsync(AppDbContext db, RuleSet rules, int? version, CancellationToken ct = default) =>
        (await TrySaveAsync(db, rules, version, ct)).Select(e => e.Message).ToList();

    /// <summary>
    /// The Domain's checks (<see cref="RuleSet.Check"/>) and those that need the database: every exempted unit exists.
    /// Each problem names its field; empty when the rule set may be saved.
    /// </summary>
    public static async Task<IReadOnlyList<RuleError>> CheckAsync(AppDbContext db, RuleSet rules, CancellationToken ct = default)
    {
        var errors = rules.Check().ToList();
        var codes = rules.Exemptions.Select(e => e.UnitCode).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count > 0)
        {
            var known = (await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).Select(u => u.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < rules.Exemptions.Count; i++)
            {
                var code = rules.Exemptions[i].UnitCode;
                if (!string.IsNullOrWhiteSpace(code) && !known.Contains(code))
                {
                    errors.Add(new RuleError($"exemptions[{i}].unitCode", $"第{i + 1}条豁免:单位不存在({code})"));
                }
            }
        }

        return errors;
    }

    /// <summary>As <see cref="SaveAsync(AppDbContext, RuleSet, int?, CancellationToken)"/>, the problems naming their fields.</summary>
    public static async Task<IReadOnlyList<RuleError>> TrySaveAsync(AppDbContext db, RuleSet rules, int? version, CancellationToken ct = default)
    {
        var errors = await CheckAsync(db, rules, ct);
        if (errors.Count > 0)
        {
            return errors;
        }

        var json = JsonSerializer.Serialize(rules, Json);
        var record = await db.RuleSets.FirstOrDefaultAsync(r => r.Year == rules.Year, ct);
        var current = record?.Version ?? 0;
        if (version is { } v && v != current)
        {
            throw new ConcurrencyConflictException($"{rules.Year}年规则集已被他人修改(当前版本 {current}),请刷新后再保存", current);
        }

        if (record is null)
        {
            // Version 1, not 0: 0 means "the year uses the defaults", and a first save must not look like them, or a second
            // editor who opened the defaults could overwrite it unnoticed.
            record = new RuleSetRecord { Year = rules.Year, Json = json, Version = 1 };
            db.RuleSets.Add(record);
        }
        else
        {
            record.Json = json;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || db.Entry(record).State == EntityState.Added)
        {
            // Someone saved (or first created) the year's rules between our read and our write.
            db.Entry(record).State = EntityState.Detached;
            throw new ConcurrencyConflictException($"{rules.Year}年规则集已被他人修改,请刷新后再保存", await VersionAsync(db, rules.Year, ct));
        }

        return [];
    }
}
