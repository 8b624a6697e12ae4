using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Audit;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages.Admin;

/// <summary>The audit trail for administrators: who changed what, when, from where, old → new, filtered and paged.</summary>
[Authorize(Policy = Auth.AdminPolicy)]
public sealed class AuditModel(AppDbContext db) : UiPageModel
{
    public const int PageSize = 50;

    public override bool ShowPeriodPicker => false;

    public AuditPageDto Result { get; private set; } = new(0, 1, PageSize, []);

    public IReadOnlyList<string> Entities { get; private set; } = [];

    public string? UserFilter { get; private set; }

    public string? EntityFilter { get; private set; }

    public string? KeyFilter { get; private set; }

    /// <summary>Beijing dates as typed (yyyy-MM-dd); "to" includes its whole day.</summary>
    public string? From { get; private set; }

    public string? To { get; private set; }

    public string? FilterError { get; private set; }

    public int PageCount => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task<IActionResult> OnGetAsync(string? user, string? entity, string? key, string? from, string? to, int? p, CancellationToken ct)
    {
        UserFilter = Clean(user);
        EntityFilter = Clean(entity);
        KeyFilter = Clean(key);
        From = Clean(from);
        To = Clean(to);
        Entities = await AuditQueries.EntitiesAsync(db, ct);

        var fromUtc = ParseDay(From, "起始日期");
        var toUtc = ParseDay(To, "截止日期")?.AddDays(1);
        if (FilterError is null && fromUtc is { } f && toUtc is { } t && f >= t)
        {
            FilterError = "起始日期不能晚于截止日期";
        }

        if (FilterError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Result = await AuditQueries.SearchAsync(db, UserFilter, EntityFilter, KeyFilter, fromUtc, toUtc, Math.Max(1, p ?? 1), PageSize, ct);
        if (Result.Items.Count == 0 && Result.Page > 1 && Result.Total > 0)
        {
            // Past the last page (e.g. an old link): show the last one instead of an empty table.
            Result = await AuditQueries.SearchAsync(db, UserFilter, EntityFilter, KeyFilter, fromUtc, toUtc, PageCount, PageSize, ct);
        }

        return Page();
    }

    /// <summary>Route values of the current filters for page <paramref name="page"/>.</summary>
    public Dictionary<string, string> Route(int page)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string k, string? v)
        {
            if (v is not null)
            {
                d[k] = v;
            }
        }

        Add("user", UserFilter);
        Add("entity", EntityFilter);
        Add("key", KeyFilter);
        Add("from", From);
        Add("to", To);
        if (page > 1)
        {
            d["p"] = page.ToString(CultureInfo.InvariantCulture);
        }

        return d;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A Beijing calendar day as the UTC instant it starts; a bad date sets <see cref="FilterError"/>.</summary>
    private DateTime? ParseDay(string? text, string label)
    {
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            FilterError ??= $"{label}应为 yyyy-MM-dd,收到“{text}”";
            return null;
        }

        return DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc) - ReportingCalendar.ChinaOffset;
    }
}
