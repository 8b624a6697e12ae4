using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Indicators;
using PlanPulse.Domain.Indicators;
using PlanPulse.Web;

namespace PlanPulse.Pages.Indicators;

/// <summary>The five-year plan's mid-term view (十四五中期评估): each indicator against its compound path from baseline to target.</summary>
public sealed class FiveYearModel(AppDbContext db, IAuthorizationService authorization) : IndicatorPageModel(db, authorization)
{
    public FiveYearDto? Data { get; private set; }

    /// <summary>The years after the baseline up to the target year, the table's actual columns.</summary>
    public IReadOnlyList<int> ActualYears { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? year, int? month, string? plan, CancellationToken ct)
    {
        // The picker is shown for consistency; the five-year view itself spans the plan, not a month.
        await ResolveIndicatorPeriodAsync(year, month, ct);
        EmptyReason = null;
        Data = await FiveYearQueries.GetAsync(Db, plan, ct);
        if (Data is not null)
        {
            ActualYears = Enumerable.Range(Data.StartYear, Data.EndYear - Data.StartYear + 1).ToList();
        }

        return Page();
    }

    /// <summary>CSS colour key of a verdict: ahead and achieved green, on track blue, behind red, no data grey.</summary>
    public static string VerdictKey(string verdict) => verdict switch
    {
        _ when verdict == FiveYear.Name(FiveYearVerdict.AchievedEarly) || verdict == FiveYear.Name(FiveYearVerdict.AheadOfSchedule) => "green",
        _ when verdict == FiveYear.Name(FiveYearVerdict.OnTrack) => "blue",
        _ when verdict == FiveYear.Name(FiveYearVerdict.Behind) => "red",
        _ => "grey",
    };

    /// <summary>A row's chart: the compound path B × (T/B)^(n/span) for every year, and the actuals.</summary>
    public object ChartFor(FiveYearRowDto r)
    {
        var years = Enumerable.Range(r.BaselineYear, r.TargetYear - r.BaselineYear + 1).ToList();
        var span = r.TargetYear - r.BaselineYear;
        return new
        {
            years = years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            path = years.Select(y => Math.Round(r.Baseline * (decimal)Math.Pow((double)(r.Target / r.Baseline), (y - r.BaselineYear) / (double)span), 2)).ToArray(),
            actual = years.Select(y => y == r.BaselineYear ? r.Baseline : r.Actuals.TryGetValue(y, out var v) ? v : (decimal?)null).ToArray(),
            pathName = UiText.T("复合增长路径"),
            actualName = UiText.T("实际"),
            unit = r.Unit,
            colour = VerdictKey(r.Verdict),
        };
    }
}
