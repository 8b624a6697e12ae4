using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Projects;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages;

/// <summary>The problems board as it stood at the end of a month: open/resolved, escalation level, overdue highlighted.</summary>
public sealed class ProblemsModel(AppDbContext db) : UiPageModel
{
    /// <summary>Rows per page: a large portfolio has thousands of problems.</summary>
    public const int PageSize = 100;

    /// <summary>The page shown; counts below are over all matching problems.</summary>
    public IReadOnlyList<ProblemDto> Problems { get; private set; } = [];

    public int Total { get; private set; }

    public int OpenCount { get; private set; }

    public int OverdueCount { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public bool? Open { get; private set; }

    public string? Level { get; private set; }

    public string? FilterError { get; private set; }

    public override IEnumerable<string> PeriodCarry => ["open", "level"];

    public async Task<IActionResult> OnGetAsync(int? year, int? month, string? open, string? level, int? p, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        if (!string.IsNullOrWhiteSpace(open))
        {
            if (!bool.TryParse(open, out var o))
            {
                FilterError = $"open 应为 true 或 false,收到“{open}”";
            }

            Open = o;
        }

        EscalationLevel? lv = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (Enum.TryParse<EscalationLevel>(level, true, out var l) && Enum.IsDefined(l))
            {
                lv = l;
                Level = l.ToString().ToLowerInvariant();
            }
            else
            {
                FilterError = $"未知协调层级:{level}";
            }
        }

        if (FilterError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var all = await ProjectQueries.ProblemsAsync(db, Period, open: Open, level: lv, ct: ct);
        Total = all.Count;
        OpenCount = all.Count(x => x.ResolvedOn is null);
        OverdueCount = all.Count(x => x.Overdue);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p ?? 1, 1, PageCount);
        Problems = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    /// <summary>Route values of the current filters for page <paramref name="page"/>.</summary>
    public Dictionary<string, string> Route(int page)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var d = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["year"] = Period.Year.ToString(inv),
            ["month"] = Period.Month.ToString(inv),
        };
        if (Open is { } o)
        {
            d["open"] = o ? "true" : "false";
        }

        if (Level is { } l)
        {
            d["level"] = l;
        }

        if (page > 1)
        {
            d["p"] = page.ToString(inv);
        }

        return d;
    }
}
