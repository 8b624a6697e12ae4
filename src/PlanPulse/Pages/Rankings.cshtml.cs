using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages;

/// <summary>The 赛马 league tables of departments, towns/streets and commands for a month.</summary>
public sealed class RankingsModel(AppDbContext db) : UiPageModel
{
    public RankingsDto? Rankings { get; private set; }

    /// <summary>The chosen tab: department, town, command, or null for all three.</summary>
    public string? UnitType { get; private set; }

    public string? FilterError { get; private set; }

    public override IEnumerable<string> PeriodCarry => ["unitType"];

    public async Task<IActionResult> OnGetAsync(int? year, int? month, string? unitType, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        Domain.Portfolio.UnitType? type = null;
        if (!string.IsNullOrWhiteSpace(unitType))
        {
            if (!Enum.TryParse<Domain.Portfolio.UnitType>(unitType, true, out var t) || !App.Features.Portfolio.Rankings.RankedTypes.Contains(t))
            {
                FilterError = $"未知单位类型:{unitType}(department/town/command)";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            type = t;
            UnitType = t.ToString().ToLowerInvariant();
        }

        Rankings = await App.Features.Portfolio.Rankings.GetAsync(db, Period, type, null, ct);
        return Page();
    }

    public static string TabName(string unitType) => unitType switch
    {
        "department" => UiText.T("部门"),
        "town" => UiText.T("街镇"),
        "command" => UiText.T("指挥部"),
        _ => unitType,
    };
}
