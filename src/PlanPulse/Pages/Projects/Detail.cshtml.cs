using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Audit;
using PlanPulse.App.Features.Projects;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages.Projects;

/// <summary>One project as of a month: its colour with every rule that fired, facts, monthly history, milestones, problems.</summary>
public sealed class DetailModel(AppDbContext db) : UiPageModel
{
    /// <summary>History entries shown at most; older ones are in the admin audit search.</summary>
    public const int HistoryMax = 500;

    public ProjectDetailDto? Detail { get; private set; }

    /// <summary>The "history" tab is open (?tab=history): the audit trail is read only then.</summary>
    public bool HistoryTab { get; private set; }

    public IReadOnlyList<AuditDto> History { get; private set; } = [];

    public override IEnumerable<string> PeriodCarry => HistoryTab ? ["tab"] : [];

    public async Task<IActionResult> OnGetAsync(int id, int? year, int? month, string? tab, CancellationToken ct)
    {
        HistoryTab = string.Equals(tab, "history", StringComparison.OrdinalIgnoreCase);
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        Detail = await ProjectQueries.DetailAsync(db, id, Period, ct);
        if (Detail is null)
        {
            // Not found, or not on any list of the chosen year: say so on the page rather than a bare 404.
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (HistoryTab)
        {
            // Anyone who can open the project may read its history: the project itself is read through the
            // data-scope filter, so a reporter only ever gets here for their own unit's projects.
            History = await AuditQueries.ProjectHistoryAsync(db, id, HistoryMax, ct);
        }

        return Page();
    }

    /// <summary>Splits a hit "红:text" (as the App formats it) into the colour key and the text.</summary>
    public static (string Colour, string Text) SplitHit(string hit)
    {
        var i = hit.IndexOf(':', StringComparison.Ordinal);
        if (i > 0)
        {
            var name = hit[..i];
            var colour = UiFormat.Colours.FirstOrDefault(c => Names.Of(c) == name, (Colour)(-1));
            if (Enum.IsDefined(colour))
            {
                return (UiFormat.Key(colour), hit[(i + 1)..]);
            }
        }

        return ("grey", hit);
    }

    /// <summary>Cumulative completed vs planned, 亿元 by the one display rule (two decimals), as the tables beside it.</summary>
    public object CumulativeChart => new
    {
        months = Detail?.Months.Select(m => UiText.IsEnglish ? UiFormat.Month(m.Month) : $"{m.Month % 100}月").ToArray() ?? [],
        completed = Detail?.Months.Select(m => AmountDisplay.ToYi(m.Cumulative)).ToArray() ?? [],
        planned = Detail?.Months.Select(m => m.PlannedCumulative is { } p ? AmountDisplay.ToYi(p) : (decimal?)null).ToArray() ?? [],
        colours = Detail?.Months.Select(m => m.Colour).ToArray() ?? [],
        completedName = UiText.T("累计完成"),
        plannedName = UiText.T("计划累计"),
        unit = UiText.T("亿元"),
    };
}
