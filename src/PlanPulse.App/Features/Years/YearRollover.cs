using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Years;

/// <summary>What opening a year did (or, in preview, would do).</summary>
public sealed record RolloverResult(
    int Year, int TracksCopied, int ListsCopied, int ProjectsCarried, int ProjectsLeftBehind, int PlansCreated, decimal CompletedBeforeYear,
    bool IndicatorPlanCreated, bool RuleSetCopied, bool Saved);

/// <summary>
/// Opens a plan year from the one before: the year's tracks and lists are copied for editing, every project still open
/// on last year's lists is carried onto the lists of the same codes with a new annual plan whose 开工累计 (completed
/// before the year) is last year's plus what was reported in last year, the indicator plan of the year is opened for
/// targets, and last year's thresholds and weights are carried (not its exemptions, which name last year's months).
/// Nothing the old year shows changes: each carried project's old plan keeps the old track, so moving the project to
/// another track in the new year leaves last year's tables as they were. Completed and cancelled projects stay behind.
/// </summary>
public static class YearRollover
{
    public static async Task<RolloverResult> OpenAsync(AppDbContext db, int year, bool preview = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ApplyScope(DataScope.Everything);
        var previous = year - 1;
        static ValidationFailedException Bad(string message) => new(new Dictionary<string, string[]> { ["year"] = [message] });
        if (year is < 2001 or > 2100)
        {
            throw Bad($"年份应在2001–2100之间,收到{year}");
        }

        var oldLists = await db.ProjectLists.Where(l => l.Year == previous).ToListAsync(ct);
        if (oldLists.Count == 0)
        {
            throw Bad($"{previous}年没有项目清单,无法结转到{year}年;新建地区请在“年度设置”中开启年度");
        }

        var newLists = await db.ProjectLists.Where(l => l.Year == year).ToListAsync(ct);
        var newListIds = newLists.Select(l => l.Id).ToList();
        if (await db.ProjectListEntries.AnyAsync(e => newListIds.Contains(e.ProjectListId), ct))
        {
            throw Bad($"{year}年的清单中已有项目:该年度已经开启,不能再次结转");
        }

        // Tracks and lists: the old year's, for the codes the new year does not have yet.
        var oldTracks = await db.Tracks.Where(t => t.Year == previous).ToListAsync(ct);
        var newTracks = await db.Tracks.Where(t => t.Year == year).ToListAsync(ct);
        var tracksCopied = 0;
        foreach (var t in oldTracks.Where(t => !t.Deactivated && newTracks.All(n => !string.Equals(n.Code, t.Code, StringComparison.OrdinalIgnoreCase))))
        {
            var copy = new Track { Year = year, Code = t.Code, Name = t.Name, CommandId = t.CommandId, SortOrder = t.SortOrder, Colour = t.Colour };
            db.Tracks.Add(copy);
            newTracks.Add(copy);
            tracksCopied++;
        }

        var listsCopied = 0;
        foreach (var l in oldLists.Where(l => !l.Deactivated && newLists.All(n => !string.Equals(n.Code, l.Code, StringComparison.OrdinalIgnoreCase))))
        {
            var copy = new ProjectList { Year = year, Code = l.Code, Name = l.Name, SortOrder = l.SortOrder, Colour = l.Colour };
            db.ProjectLists.Add(copy);
            newLists.Add(copy);
            listsCopied++;
        }

        var newListByCode = newLists.Where(l => !l.Deactivated).ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);
        var newTrackByCode = newTracks.Where(t => !t.Deactivated).ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
        var trackCodeById = oldTracks.Concat(await db.Tracks.Where(t => t.Year != previous && t.Year != year).ToListAsync(ct)).ToDictionary(t => t.Id, t => t.Code);

        // Projects on last year's lists: the open ones go on, with a plan for the new year.
        var oldListIds = oldLists.Select(l => l.Id).ToList();
        var entries = await db.ProjectListEntries.Where(e => oldListIds.Contains(e.ProjectListId)).ToListAsync(ct);
        var projectIds = entries.Select(e => e.ProjectId).Distinct().ToList();
        var projects = await db.Projects.Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        // 竣工 and 投产 are done as far as the construction plan goes, even before anyone closes the record.
        var carried = projects.Values.Where(p => p.Status == ProjectStatus.Open && p.Phase < Phase.Completion).Select(p => p.Id).ToHashSet();
        var oldPlans = await db.AnnualPlans.Where(a => a.Year == previous && projectIds.Contains(a.ProjectId)).ToDictionaryAsync(a => a.ProjectId, ct);
        var havePlan = (await db.AnnualPlans.Where(a => a.Year == year && projectIds.Contains(a.ProjectId)).Select(a => a.ProjectId).ToListAsync(ct)).ToHashSet();
        var first = new Domain.Periods.YearMonth(previous, 1).Id;
        var last = new Domain.Periods.YearMonth(previous, 12).Id;
        var reported = (await db.MonthlyReports.Where(r => r.Month >= first && r.Month <= last && projectIds.Contains(r.ProjectId)
                && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Approved))
            .Select(r => new { r.ProjectId, r.Amount }).ToListAsync(ct))
            .GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
        var oldListCode = oldLists.ToDictionary(l => l.Id, l => l.Code);

        var plansCreated = 0;
        var completedBefore = 0m;
        foreach (var id in carried.Order())
        {
            var p = projects[id];
            foreach (var e in entries.Where(e => e.ProjectId == id))
            {
                if (newListByCode.TryGetValue(oldListCode[e.ProjectListId], out var list))
                {
                    db.ProjectListEntries.Add(new ProjectListEntry { ProjectList = list, ProjectId = id });
                }
            }

            oldPlans.TryGetValue(id, out var oldPlan);
            if (!havePlan.Contains(id))
            {
                var before = (oldPlan?.CompletedBeforeYear ?? 0m) + reported.GetValueOrDefault(id);
                completedBefore += before;
                db.AnnualPlans.Add(new AnnualPlan { ProjectId = id, Year = year, PlannedInvestment = 0m, CompletedBeforeYear = before });
                plansCreated++;
            }

            // The old year keeps the track it showed; the project's current track becomes the new year's of that code.
            if (p.TrackId is { } tid && trackCodeById.TryGetValue(tid, out var code) && newTrackByCode.TryGetValue(code, out var newTrack))
            {
                if (oldPlan is not null)
                {
                    oldPlan.TrackId ??= tid;
                }

                p.Track = newTrack;
                if (newTrack.Id != 0)
                {
                    p.TrackId = newTrack.Id;
                }
            }
        }

        // The indicator plan of the year, opened for targets.
        var indicatorPlan = !await db.Plans.AnyAsync(x => x.Kind == PlanKind.Annual && x.StartYear <= year && x.EndYear >= year, ct);
        if (indicatorPlan)
        {
            db.Plans.Add(new DevelopmentPlan { Code = $"{year}-annual", Name = $"{year}年国民经济和社会发展计划", Kind = PlanKind.Annual, StartYear = year, EndYear = year });
        }

        var ruleSet = false;
        var oldRules = await db.RuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == previous, ct);
        if (oldRules is not null && !await db.RuleSets.AnyAsync(r => r.Year == year, ct))
        {
            var rules = JsonSerializer.Deserialize<RuleSet>(oldRules.Json, RuleSets.RuleSets.Json)! with { Year = year, Exemptions = [] };
            db.RuleSets.Add(new RuleSetRecord { Year = year, Json = JsonSerializer.Serialize(rules, RuleSets.RuleSets.Json), Version = 1 });
            ruleSet = true;
        }

        var result = new RolloverResult(year, tracksCopied, listsCopied, carried.Count, projects.Count - carried.Count, plansCreated, completedBefore, indicatorPlan, ruleSet, !preview);
        if (preview)
        {
            db.ChangeTracker.Clear();
            return result;
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = db.Clock.GetUtcNow().UtcDateTime,
            User = db.AuditUser,
            Client = db.AuditClient,
            Action = "YearOpened",
            Entity = "PlanYear",
            Key = year.ToString(CultureInfo.InvariantCulture),
            Changes = JsonSerializer.Serialize(result),
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return result;
    }
}
