using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Indicators;

/// <summary>
/// Indicators the project portfolio defines (计划安排重大建设项目 220个, 总投资 2964亿元, a track's projects…) are not
/// reported by anyone: they are computed from the portfolio as of each month, with the same rules as the dashboard,
/// and written as the month's observation (source 项目库). <see cref="LinkAsync"/> finds them by name
/// (<see cref="PortfolioMeasures.Propose"/>); <see cref="SyncAsync"/> writes a month. A published (locked) month's
/// figures are final.
/// </summary>
public static class PortfolioIndicators
{
    public const string Source = "项目库";

    /// <summary>Links every unlinked indicator whose name is about the project list to its measure; returns how many.</summary>
    public static async Task<int> LinkAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.Year == year && !t.Deactivated).Select(t => new { t.Code, t.Name }).ToListAsync(ct);
        var lists = await db.ProjectLists.AsNoTracking().Where(l => l.Year == year && !l.Deactivated).Select(l => new { l.Code, l.Name }).ToListAsync(ct);
        var linked = 0;
        foreach (var indicator in await db.Indicators.Where(i => i.Measure == null).ToListAsync(ct))
        {
            if (PortfolioMeasures.Propose(indicator.Name) is not { } link || PortfolioMeasures.Value(link.Measure, new PortfolioFacts(0, 0, 0, 0, 0), indicator.Unit) is null && link.Measure != PortfolioMeasure.CompletionRate)
            {
                continue;
            }

            string? track = null;
            if (link.TrackKeyword is { } keyword)
            {
                var matches = tracks.Where(t => t.Name.Contains(keyword, StringComparison.Ordinal)).ToList();
                if (matches.Count != 1)
                {
                    continue; // no track or several with that word: a person links it
                }

                track = matches[0].Code;
            }

            string? list = null;
            if (link.SpecialMajor)
            {
                var special = lists.Where(l => l.Name.Contains("特别重大", StringComparison.Ordinal)).ToList();
                if (special.Count != 1)
                {
                    continue;
                }

                list = special[0].Code;
            }

            indicator.Measure = link.Measure;
            indicator.MeasureTrack = track;
            indicator.MeasureList = list;
            linked++;
        }

        await db.SaveChangesAsync(ct);
        return linked;
    }

    /// <summary>Writes (or updates) the month's observation of every linked indicator; returns how many were written.</summary>
    public static async Task<int> SyncAsync(AppDbContext db, YearMonth month, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Only what the year's plan sets a target for: a linked indicator of another year's plan is not this year's business.
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.Measure != null && db.IndicatorTargets.Any(t => t.IndicatorId == i.Id && t.Year == month.Year)).ToListAsync(ct);
        if (indicators.Count == 0)
        {
            return 0;
        }

        // Figures from a demo portfolio are demo figures, marked like the rest of the demo.
        var demo = await DemoMarker.IsDemoAsync(db, ct);
        var final = await db.MonthLocks.AnyAsync(l => l.Month == month.Id && !l.Reopened, ct);
        var period = month.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ids = indicators.Select(i => i.Id).ToList();
        var existing = await db.IndicatorObservations.Where(o => ids.Contains(o.IndicatorId) && o.Region == "" && o.Period == period).ToDictionaryAsync(o => o.IndicatorId, ct);
        var written = 0;
        foreach (var group in indicators.GroupBy(i => i.MeasureList ?? PortfolioEvaluator.AnnualMajorList))
        {
            var snapshot = await PortfolioEvaluator.EvaluateAsync(db, month, group.Key, ct);
            foreach (var indicator in group)
            {
                var projects = indicator.MeasureTrack is { } code
                    ? snapshot.Projects.Where(p => p.TrackId is { } t && snapshot.Tracks.Any(x => x.Id == t && string.Equals(x.Code, code, StringComparison.OrdinalIgnoreCase))).ToList()
                    : snapshot.Projects;
                var facts = new PortfolioFacts(
                    projects.Count, projects.Sum(p => p.TotalInvestment), projects.Sum(p => p.AnnualPlan), projects.Sum(p => p.Completed),
                    projects.Count(p => p.ActualStart is { } s && s.Year == month.Year && s <= month));
                if (PortfolioMeasures.Value(indicator.Measure!.Value, facts, indicator.Unit) is not { } value)
                {
                    continue;
                }

                if (!existing.TryGetValue(indicator.Id, out var o))
                {
                    o = new IndicatorObservation { IndicatorId = indicator.Id, Period = period, EndMonth = month.Id };
                    db.IndicatorObservations.Add(o);
                }

                o.Value = value;
                o.Final = final;
                o.Source = Source;
                o.IsDemo = demo;
                o.Note = "由项目库按当月赋色口径自动计算";
                written++;
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return written;
    }
}
