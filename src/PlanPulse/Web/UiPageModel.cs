using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Periods;

namespace PlanPulse.Web;

/// <summary>
/// Base of every page: resolves the month the page is for (the layout's year/month picker reads it) and makes
/// a <c>?culture=</c> choice stick by writing the request-localization cookie.
/// </summary>
public abstract class UiPageModel : PageModel
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    /// <summary>The month the page shows; valid only when <see cref="PeriodError"/> is null.</summary>
    public YearMonth Period { get; private set; } = new(2023, 12);

    /// <summary>Why the requested month is not a month (Chinese, from <see cref="Periods"/>).</summary>
    public string? PeriodError { get; private set; }

    /// <summary>Years offered by the picker: those with project lists, plus the shown one.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>Query keys the layout's year/month picker must carry over (a page's own filters).</summary>
    public virtual IEnumerable<string> PeriodCarry => [];

    /// <summary>Whether the layout shows the year/month picker; pages not about a month (the audit search) hide it.</summary>
    public virtual bool ShowPeriodPicker => true;

    // Not a handler: without [NonHandler] Razor Pages takes this override for a handler of the HTTP method "PAGE"
    // named "HandlerExecuting", reachable as PAGE /any-page?handler=HandlerExecuting (found by the authorisation matrix).
    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var asked = Request.Query["culture"].ToString();
        var culture = Cultures.FirstOrDefault(c => string.Equals(c, asked, StringComparison.OrdinalIgnoreCase))
            ?? (asked.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : null);
        if (culture is not null)
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        base.OnPageHandlerExecuting(context);
    }

    /// <summary>Resolves ?year=&amp;month= (defaults from the data). On a bad month sets <see cref="PeriodError"/> and a 400.</summary>
    protected async Task<bool> ResolvePeriodAsync(AppDbContext db, int? year, int? month, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        var years = await db.ProjectLists.AsNoTracking().Select(l => l.Year).Distinct().ToListAsync(ct);
        if (m is { } ym)
        {
            Period = ym;
            years.Add(ym.Year);
        }
        else
        {
            PeriodError = error ?? "月份无效";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Years = years.Distinct().OrderDescending().ToList();
        return m is not null;
    }
}
