using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Projects;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;
using ColourKind = PlanPulse.Domain.Portfolio.Colour;
using PhaseKind = PlanPulse.Domain.Portfolio.Phase;

namespace PlanPulse.Pages.Projects;

/// <summary>
/// The project list: filters, sorting and paging all on the server (50 a page), so it stays usable with tens of
/// thousands of projects. The page number is <c>p</c> because <c>page</c> is the Razor Pages route value.
/// </summary>
public sealed class IndexModel(AppDbContext db) : UiPageModel
{
    public const int PageSize = 50;

    public static readonly string[] SortKeys = ["code", "name", "total", "plan", "completed", "rate", "gap", "colour"];

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Track { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tier { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Town { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Command { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Colour { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Phase { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public ProjectPageDto? Result { get; private set; }

    public string? FilterError { get; private set; }

    public IReadOnlyList<Option> Tracks { get; private set; } = [];

    public IReadOnlyList<Option> Tiers { get; private set; } = [];

    public IReadOnlyList<Option> Units { get; private set; } = [];

    public IReadOnlyList<Option> Towns { get; private set; } = [];

    public IReadOnlyList<Option> Commands { get; private set; } = [];

    public int PageCount => Result is { } r ? Math.Max(1, (r.Total + r.PageSize - 1) / r.PageSize) : 1;

    public override IEnumerable<string> PeriodCarry => ["track", "tier", "unit", "town", "command", "colour", "phase", "q", "sort"];

    public sealed record Option(string Value, string Text);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, Year, Month, ct))
        {
            return Page();
        }

        var year = Period.Year;
        Tracks = await db.Tracks.AsNoTracking().Where(t => t.Year == year).OrderBy(t => t.SortOrder).ThenBy(t => t.Code)
            .Select(t => new Option(t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Name)).ToListAsync(ct);
        Tiers = await db.ProjectLists.AsNoTracking().Where(l => l.Year == year).OrderBy(l => l.SortOrder).ThenBy(l => l.Code)
            .Select(l => new Option(l.Code, l.Name)).ToListAsync(ct);
        Units = await UnitOptions(db.Units.Where(u => db.Projects.Any(p => p.ResponsibleUnitId == u.Id)), ct);
        Towns = await UnitOptions(db.Units.Where(u => u.Type == UnitType.Town), ct);
        Commands = await UnitOptions(db.Units.Where(u => u.Type == UnitType.Command), ct);

        ColourKind? colour = null;
        if (!string.IsNullOrWhiteSpace(Colour))
        {
            colour = UiFormat.ParseColour(Colour);
            if (colour is null)
            {
                FilterError = $"未知颜色:{Colour}";
            }
        }

        PhaseKind? phase = null;
        if (!string.IsNullOrWhiteSpace(Phase))
        {
            if (Enum.TryParse<PhaseKind>(Phase, true, out var ph) && Enum.IsDefined(ph))
            {
                phase = ph;
            }
            else
            {
                FilterError = $"未知阶段:{Phase}";
            }
        }

        if (FilterError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var filter = new ProjectFilter
        {
            TrackId = Track,
            Tier = string.IsNullOrWhiteSpace(Tier) ? null : Tier,
            UnitId = Unit,
            TownId = Town,
            CommandId = Command,
            Colour = colour,
            Phase = phase,
            Query = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            Sort = Sort,
            Page = Math.Max(1, PageNumber ?? 1),
            PageSize = PageSize,
        };
        Result = await ProjectQueries.ListAsync(db, Period, filter, ct);

        // A page past the end (filters narrowed since the link was made) shows the last page instead of nothing.
        if (Result.Items.Count == 0 && Result.Total > 0 && filter.Page > 1)
        {
            Result = await ProjectQueries.ListAsync(db, Period, filter with { Page = (Result.Total + PageSize - 1) / PageSize }, ct);
        }

        return Page();
    }

    private static async Task<IReadOnlyList<Option>> UnitOptions(IQueryable<App.Data.Unit> units, CancellationToken ct) =>
        await units.AsNoTracking().OrderBy(u => u.Type).ThenBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new Option(u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Name)).ToListAsync(ct);

    /// <summary>The current filters as route values, with overrides (null removes a key).</summary>
    public Dictionary<string, string> Route(string? sort = null, int? page = null)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["year"] = Period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["month"] = Period.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        void Add(string key, object? value)
        {
            var s = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            if (!string.IsNullOrWhiteSpace(s))
            {
                d[key] = s;
            }
        }

        Add("track", Track);
        Add("tier", Tier);
        Add("unit", Unit);
        Add("town", Town);
        Add("command", Command);
        Add("colour", Colour);
        Add("phase", Phase);
        Add("q", Q);
        Add("sort", sort ?? Sort);
        if ((page ?? 1) > 1)
        {
            d["p"] = page!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return d;
    }

    /// <summary>The sort a column header links to: ascending first, then toggles; amounts and rates start descending.</summary>
    public string SortFor(string key)
    {
        var current = string.IsNullOrWhiteSpace(Sort) ? "code" : Sort.Trim();
        if (current == key)
        {
            return "-" + key;
        }

        if (current == "-" + key)
        {
            return key;
        }

        return key is "total" or "plan" or "completed" or "rate" or "gap" or "colour" ? "-" + key : key;
    }

    /// <summary>▲/▼ for the column the list is sorted by.</summary>
    public string SortMark(string key)
    {
        var current = string.IsNullOrWhiteSpace(Sort) ? "code" : Sort.Trim();
        return current == key ? "▲" : current == "-" + key ? "▼" : string.Empty;
    }
}
