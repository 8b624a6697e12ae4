using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PlanPulse.App.Data;

namespace PlanPulse.App.Features.Site;

/// <summary>
/// The office this PlanPulse serves, shown under the product name on the sign-in page so a civil servant knows
/// they are at their own district's system: <c>Site:Organisation</c> (env <c>Site__Organisation</c>) when set,
/// otherwise the database's setting (the demo sets one), otherwise nothing.
/// </summary>
public static class SiteName
{
    public const string SettingKey = "site.organisation";

    public static async Task<string?> OrganisationAsync(AppDbContext db, IConfiguration config, CancellationToken ct = default)
    {
        if (config["Site:Organisation"] is { Length: > 0 } configured)
        {
            return configured.Trim();
        }

        return await db.Settings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
    }
}
