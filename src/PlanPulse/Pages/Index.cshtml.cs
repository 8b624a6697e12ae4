using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages;

/// <summary>The month's dashboard: totals, completion against time progress, colours overall and per track.</summary>
public sealed class IndexModel(AppDbContext db) : UiPageModel
{
    public bool Empty { get; private set; }

    public PortfolioSummaryDto? Summary { get; private set; }

    /// <summary>Completion rate at the end of each month January…the shown month.</summary>
    public IReadOnlyList<(int Month, decimal? Rate, decimal TimeProgress)> Trend { get; private set; } = [];

    /// <summary>Track name → track id, so counts can link to the filtered project list.</summary>
    public IReadOnlyDictionary<string, int> TrackIds { get; private set; } = new Dictionary<string, int>();

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? year, int? month, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(ct))
        {
            Empty = true;
            await ResolvePeriodAsync(db, year, month, ct);
            return Page();
        }

        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        Summary = await PortfolioSummary.GetAsync(db, Period, null, ct);
        var points = await PortfolioTrend.GetAsync(db, Period, null, ct);
        Trend = points.Select(p => (p.Month, p.CompletionRate, p.TimeProgress)).ToList();

        var tracks = await db.Tracks.AsNoTracking().Where(t => t.Year == Period.Year).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        TrackIds = tracks.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Id);
        return Page();
    }

    /// <summary>Loads the demo portfolio, only into an empty database (the button is shown only then).</summary>
    public async Task<IActionResult> OnPostLoadDemoAsync(CancellationToken ct)
    {
        // Loading replaces demo data for everyone, so only the office may do it. Without this check any signed-in
        // user could post it, and one whose scope shows no projects would pass the emptiness test below and reload
        // (wipe) the demo, or hit a 500 on real data. Razor Pages have no per-handler [Authorize], hence the check here.
        if (!User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.PlanOffice))
        {
            return Forbid();
        }

        if (await db.Projects.AnyAsync(ct))
        {
            return RedirectToPage();
        }

        await DemoData.LoadAsync(db, force: false, ct);
        return RedirectToPage(new { year = DemoData.Year, month = DemoData.LastReportedMonth });
    }

    /// <summary>Data for the trend chart: months, completion %, time progress %.</summary>
    public object TrendChart => new
    {
        months = Trend.Select(t => UiText.IsEnglish ? UiFormat.Month(Period.Year, t.Month) : $"{t.Month}月").ToArray(),
        rate = Trend.Select(t => t.Rate is null ? (decimal?)null : UiFormat.PctValue(t.Rate)).ToArray(),
        timeProgress = Trend.Select(t => UiFormat.PctValue(t.TimeProgress)).ToArray(),
        rateName = UiText.T("投资完成率"),
        timeProgressName = UiText.T("序时进度"),
        unit = "%",
    };

    /// <summary>Data for the stacked bar: per track, how many projects have each colour.</summary>
    public object ColourChart => new
    {
        categories = Summary?.Tracks.Select(t => t.Name).ToArray() ?? [],
        series = UiFormat.Colours.Select(c => new
        {
            key = UiFormat.Key(c),
            name = UiFormat.Name(c),
            data = Summary?.Tracks.Select(t => Count(t.Colours, c)).ToArray() ?? [],
        }).ToArray(),
    };

    public static int Count(ColoursDto colours, Colour c) => c switch
    {
        Colour.Blue => colours.Blue,
        Colour.Green => colours.Green,
        Colour.Yellow => colours.Yellow,
        Colour.Red => colours.Red,
        _ => colours.Grey,
    };
}
