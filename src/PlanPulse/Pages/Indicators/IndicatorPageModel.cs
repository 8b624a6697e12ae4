using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;
using PlanPulse.App.Features.Indicators;
using PlanPulse.Web;

namespace PlanPulse.Pages.Indicators;

/// <summary>
/// Base of the indicator pages. The month defaults from the indicator data (<see cref="IndicatorQueries.ResolveAsync"/>:
/// the latest month with a figure), not from the project reports, then goes through the layout's usual resolution
/// so the year/month picker and its errors behave as on every other page.
/// </summary>
public abstract class IndicatorPageModel(AppDbContext db, IAuthorizationService authorization) : UiPageModel
{
    protected AppDbContext Db => db;

    /// <summary>Why there is nothing to show (no indicator data yet), or null.</summary>
    public string? EmptyReason { get; protected set; }

    /// <summary>Whether the user may record figures (office policy: admin and plan office).</summary>
    public bool CanRecord { get; private set; }

    protected async Task<bool> ResolveIndicatorPeriodAsync(int? year, int? month, CancellationToken ct)
    {
        CanRecord = (await authorization.AuthorizeAsync(User, Auth.OfficePolicy)).Succeeded;
        var (m, error) = await IndicatorQueries.ResolveAsync(db, year, month, ct);
        if (m is { } ym)
        {
            return await ResolvePeriodAsync(db, ym.Year, ym.Month, ct);
        }

        // A bad month gets the layout's message and a 400; an empty database gets the indicator query's explanation.
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return false;
        }

        EmptyReason = error;
        return false;
    }

    /// <summary>"第2行累计值:应为数字…" → "累计值:应为数字…", for a form where the message sits next to its input.</summary>
    public static string WithoutRowNumber(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"^第\d+行", string.Empty);

    /// <summary>Categories in the dashboard's order (<see cref="SeedIndicators.Categories"/>), unknown ones after, by name.</summary>
    public static int CategoryOrder(string category)
    {
        var i = Array.IndexOf(SeedIndicators.Categories, category);
        return i < 0 ? SeedIndicators.Categories.Length : i;
    }

    /// <summary>An indicator's figure in its own unit: up to two decimals (counts and days have none), thousands separated.</summary>
    public static string Number(decimal? v) => v is { } d ? d.ToString("#,0.##", CultureInfo.InvariantCulture) : "—";

    /// <summary>A growth rate in percent with its sign: +5.2%, −3.7%.</summary>
    public static string Growth(decimal? pct) => pct is not { } g
        ? "—"
        : (g > 0 ? "+" : g < 0 ? "−" : "") + Math.Abs(Math.Round(g, 2, MidpointRounding.AwayFromZero)).ToString("0.0#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A period id as people read it: 2023年, 2023年第2季度, 2023年6月.</summary>
    public static string PeriodName(string period)
    {
        if (period.Length == 4)
        {
            return UiText.IsEnglish ? period : period + "年";
        }

        if (period.Length == 6 && period[4] == 'Q')
        {
            return UiText.IsEnglish ? $"{period[..4]} Q{period[5]}" : $"{period[..4]}年第{period[5]}季度";
        }

        return int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? UiFormat.Month(id) : period;
    }

    /// <summary>"以上 / 左右 / 以内 / 突破" and the target itself, e.g. "350亿元", "增长10%以上".</summary>
    public static string TargetText(decimal? value, decimal? growth, string? qualifier, string unit)
    {
        var q = qualifier ?? "";
        var parts = new List<string>();
        if (value is { } v)
        {
            parts.Add(q == "突破" ? $"{q}{Number(v)}{unit}" : $"{Number(v)}{unit}{q}");
        }

        if (growth is { } g)
        {
            var text = UiText.IsEnglish
                ? (g < 0 ? $"fall {Number(-g)}%" : $"growth {Number(g)}%")
                : (g < 0 ? $"下降{Number(-g)}%" : $"增长{Number(g)}%");
            parts.Add(value is null ? text + (q == "突破" ? "" : q) : text);
        }

        return parts.Count == 0 ? "—" : string.Join(",", parts);
    }

    /// <summary>A target's or observation's source sentences; the seed joins several with "|".</summary>
    public static IEnumerable<string> Quotes(string? quote) =>
        string.IsNullOrWhiteSpace(quote) ? [] : quote.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>This year's figures of the plan's own area (region ""), month by month (final before preliminary; monthly before quarterly before yearly).</summary>
    protected async Task<Dictionary<int, List<IndicatorObservation>>> ObservationsAsync(int year, int? indicatorId, CancellationToken ct)
    {
        var from = year * 100;
        var query = db.IndicatorObservations.AsNoTracking().Where(o => o.Region == "" && o.EndMonth > from && o.EndMonth <= from + 12);
        if (indicatorId is { } id)
        {
            query = query.Where(o => o.IndicatorId == id);
        }

        return (await query.ToListAsync(ct)).GroupBy(o => o.IndicatorId)
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.EndMonth).ThenByDescending(o => o.Final).ThenByDescending(o => o.Period.Length).ToList());
    }

    /// <summary>One point per month 1…<paramref name="upTo"/> (null where there is no figure), the value when there is one, else the growth.</summary>
    public static decimal?[] Series(IReadOnlyList<IndicatorObservation> observations, int upTo, bool growth)
    {
        var result = new decimal?[upTo];
        foreach (var o in observations)
        {
            var m = o.EndMonth % 100;
            if (m >= 1 && m <= upTo && result[m - 1] is null)
            {
                result[m - 1] = growth ? o.GrowthPct : o.Value;
            }
        }

        return result;
    }
}
