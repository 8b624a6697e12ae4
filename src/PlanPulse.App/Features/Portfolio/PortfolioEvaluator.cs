using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.RuleSets;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Portfolio;

/// <summary>One project on a list, evaluated as of a month's reporting deadline.</summary>
public sealed record EvaluatedProject
{
    public required int Id { get; init; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public int? TrackId { get; init; }

    public string? Track { get; init; }

    public Phase Phase { get; init; }

    public int? TownId { get; init; }

    public string? Town { get; init; }

    public int ResponsibleUnitId { get; init; }

    public string ResponsibleUnit { get; init; } = "";

    public int? CommandId { get; init; }

    public string? Command { get; init; }

    public string? Owner { get; init; }

    public string? LeadOfficial { get; init; }

    public string? Commissioner { get; init; }

    public decimal TotalInvestment { get; init; }

    public decimal AnnualPlan { get; init; }

    public decimal Completed { get; init; }

    public IReadOnlyList<string> Lists { get; init; } = [];

    public required ColourVerdict Verdict { get; init; }

    public YearMonth? PlannedStart { get; init; }

    public YearMonth? ActualStart { get; init; }

    public bool DueToStart { get; init; }

    public bool StartedWhenDue { get; init; }

    public int MilestonesDue { get; init; }

    public int MilestonesOnTime { get; init; }

    public int ProblemsDue { get; init; }

    public int ProblemsResolved { get; init; }

    public int OpenProblems { get; init; }

    public int ReportsDue { get; init; }

    public int ReportsOnTime { get; init; }

    public Colour Colour => Verdict.Colour;

    public ProjectLine Line => new(TotalInvestment, AnnualPlan, Completed, Verdict.Colour);
}

/// <summary>A list's projects evaluated as of one month, with the rules used.</summary>
public sealed record PortfolioSnapshot(
    int Year,
    YearMonth Month,
    string ListCode,
    string ListName,
    RuleSet Rules,
    IReadOnlyList<EvaluatedProject> Projects,
    IReadOnlyDictionary<int, UnitInfo> Units,
    IReadOnlyList<TrackInfo> Tracks);

public sealed record UnitInfo(int Id, string Code, string Name, UnitType Type, int SortOrder);

public sealed record TrackInfo(int Id, string Code, string Name, int SortOrder);

/// <summary>
/// Evaluates a project list as of a month: what had been reported before the month's deadline counts,
/// nothing after, so a past month recomputes exactly as it stood. Never reads the clock.
/// </summary>
public static class PortfolioEvaluator
{
    /// <summary>The default list: the year's 年度重大建设项目.</summary>
    public const string AnnualMajorList = "annual-major";

    public static Task<PortfolioSnapshot> EvaluateAsync(AppDbContext db, YearMonth month, string? listCode = null, CancellationToken ct = default) =>
        EvaluateAsync(db, month, listCode, onlyProjectId: null, ct);

    /// <summary>
    /// As above; with <paramref name="onlyProjectId"/> just that project of the list is evaluated. A project's colour
    /// depends on its own facts only, so it comes out the same as in the whole list, at a fraction of the cost.
    /// </summary>
    public static Task<PortfolioSnapshot> EvaluateAsync(AppDbContext db, YearMonth month, string? listCode, int? onlyProjectId, CancellationToken ct = default) =>
        EvaluateAsync(db, month, listCode, onlyProjectId, rules: null, ct);

    /// <summary>
    /// As above, under <paramref name="rules"/> instead of the year's saved rule set when given: the rule-set editor's
    /// preview evaluates a draft without saving it. The draft's deadline day moves the cut-off too, as a saved one would.
    /// </summary>
    public static async Task<PortfolioSnapshot> EvaluateAsync(AppDbContext db, YearMonth month, string? listCode, int? onlyProjectId, RuleSet? rules, CancellationToken ct = default)
    {
        var year = month.Year;
        if (rules is not null && rules.Year != year)
        {
            throw new ArgumentException($"规则集年度 {rules.Year} 与评价月份 {month} 不符", nameof(rules));
        }

        rules ??= await RuleSets.RuleSets.LoadAsync(db, year, ct);
        listCode = string.IsNullOrWhiteSpace(listCode) ? AnnualMajorList : listCode;
        var list = await db.ProjectLists.AsNoTracking()
            .Where(l => l.Year == year && l.Code == listCode)
            .Select(l => new { l.Id, l.Name })
            .FirstOrDefaultAsync(ct);

        var units = await db.Units.AsNoTracking()
            .Select(u => new UnitInfo(u.Id, u.Code, u.Name, u.Type, u.SortOrder))
            .ToDictionaryAsync(u => u.Id, ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.Year == year)
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Code)
            .Select(t => new TrackInfo(t.Id, t.Code, t.Name, t.SortOrder))
            .ToListAsync(ct);

        if (list is null)
        {
            return new PortfolioSnapshot(year, month, listCode, listCode, rules, [], units, tracks);
        }

        var listId = list.Id;
        var members = db.ProjectListEntries.Where(e => e.ProjectListId == listId && (onlyProjectId == null || e.ProjectId == onlyProjectId)).Select(e => e.ProjectId);

        var projects = await (
            from p in db.Projects.AsNoTracking()
            where members.Contains(p.Id)
            join ap in db.AnnualPlans.Where(a => a.Year == year) on p.Id equals ap.ProjectId into aps
            from ap in aps.DefaultIfEmpty()
            select new
            {
                p.Id,
                p.Code,
                p.Name,
                p.TrackId,
                p.Phase,
                p.TownId,
                p.ResponsibleUnitId,
                p.CommandId,
                p.OwnerId,
                p.LeadOfficialId,
                p.CommissionerId,
                p.TotalInvestment,
                p.PlannedStart,
                PlanId = ap == null ? (int?)null : ap.Id,
                Plan = ap == null ? 0m : ap.PlannedInvestment,
                Curve = ap == null ? null : ap.MonthlyCumulative,
                PlanTrackId = ap == null ? null : ap.TrackId,
            })
            .ToListAsync(ct);

        var people = await db.People.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var trackNames = tracks.ToDictionary(t => t.Id, t => t.Name);

        // A project's track in this year: its plan's when the year was rolled over, else its current one. Tracks are
        // per year, so a project carried on from last year may still point at last year's track: the track of this
        // year with the same code stands for it.
        var yearTrackByCode = tracks.ToDictionary(t => t.Code, t => t.Id, StringComparer.OrdinalIgnoreCase);
        var trackCodes = await db.Tracks.AsNoTracking().Where(t => t.Year != year).Select(t => new { t.Id, t.Code }).ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        int? TrackOf(int? id) => id is not { } i ? null
            : trackNames.ContainsKey(i) ? i
            : trackCodes.TryGetValue(i, out var code) && yearTrackByCode.TryGetValue(code, out var mapped) ? mapped
            : i;

        var listNames = await (
            from e in db.ProjectListEntries
            join l in db.ProjectLists on e.ProjectListId equals l.Id
            where l.Year == year && members.Contains(e.ProjectId)
            orderby l.SortOrder
            select new { e.ProjectId, l.Name })
            .ToListAsync(ct);
        var listsByProject = listNames.ToLookup(x => x.ProjectId, x => x.Name);

        var cutoff = ReportingCalendar.Cutoff(month, rules);
        var first = new YearMonth(year, 1).Id;
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => members.Contains(r.ProjectId)
                && r.Month >= first && r.Month <= month.Id
                && r.SubmittedAt != null && r.SubmittedAt < cutoff
                && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Approved))
            .Select(r => new { r.ProjectId, r.Month, r.Amount, r.SubmittedAt })
            .ToListAsync(ct);

        var cutoffs = Enumerable.Range(1, month.Month).ToDictionary(m => new YearMonth(year, m).Id, m => ReportingCalendar.Cutoff(new YearMonth(year, m), rules));
        var reportStats = new Dictionary<int, (decimal Sum, int OnTime, bool ThisMonth)>();
        foreach (var r in reports)
        {
            reportStats.TryGetValue(r.ProjectId, out var s);
            var onTime = r.SubmittedAt < cutoffs[r.Month];
            reportStats[r.ProjectId] = (s.Sum + r.Amount, s.OnTime + (onTime ? 1 : 0), s.ThisMonth || r.Month == month.Id);
        }

        var reached = await db.ReachedMilestones.AsNoTracking()
            .Where(m => members.Contains(m.ProjectId) && m.Month <= month.Id && m.RecordedAt < cutoff)
            .Select(m => new { m.ProjectId, m.Kind, m.Month })
            .ToListAsync(ct);
        var reachedBy = reached.ToDictionary(m => (m.ProjectId, m.Kind), m => YearMonth.FromId(m.Month));

        var planned = await (
            from pm in db.PlannedMilestones
            join ap in db.AnnualPlans on pm.AnnualPlanId equals ap.Id
            where ap.Year == year && pm.DueMonth <= month.Id && members.Contains(ap.ProjectId)
            select new { ap.ProjectId, pm.Kind, pm.DueMonth })
            .ToListAsync(ct);
        var plannedBy = planned.ToLookup(x => x.ProjectId);

        var lastDay = month.LastDay;
        var problems = await db.Problems.AsNoTracking()
            .Where(p => members.Contains(p.ProjectId) && p.RaisedMonth <= month.Id)
            .Select(p => new { p.ProjectId, p.Deadline, p.ResolvedOn })
            .ToListAsync(ct);
        var problemsBy = problems.ToLookup(p => p.ProjectId);

        var result = new List<EvaluatedProject>(projects.Count);
        foreach (var p in projects.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            reportStats.TryGetValue(p.Id, out var rs);
            YearMonth? actualStart = reachedBy.TryGetValue((p.Id, MilestoneKind.Start), out var st) ? st : null;
            YearMonth? registered = reachedBy.TryGetValue((p.Id, MilestoneKind.Registered), out var rg) ? rg : null;
            YearMonth? plannedStart = p.PlannedStart is { } ps ? YearMonth.FromDate(ps) : null;

            var facts = new ProjectFacts
            {
                AnnualPlan = p.Plan,
                CompletedThisYear = rs.Sum,
                PlannedCumulative = p.Curve,
                PlannedStart = plannedStart,
                ActualStart = actualStart,
                Registered = registered,
                ReportInByDeadline = rs.ThisMonth,
            };
            var verdict = ProjectColouring.Evaluate(facts, month, rules);

            // Due to start this year: planned by the month and not already started before 1 January.
            var dueToStart = plannedStart is { } pst && pst <= month && !(actualStart is { } a0 && a0.Year < year);
            var startedWhenDue = dueToStart && actualStart is { } a1 && a1 <= month;

            int msDue = 0, msOnTime = 0;
            foreach (var m in plannedBy[p.Id])
            {
                msDue++;
                if (reachedBy.TryGetValue((p.Id, m.Kind), out var at) && at.Id <= m.DueMonth)
                {
                    msOnTime++;
                }
            }

            int prDue = 0, prResolved = 0, prOpen = 0;
            foreach (var pr in problemsBy[p.Id])
            {
                var resolvedByThen = pr.ResolvedOn is { } ro && ro <= lastDay;
                if (!resolvedByThen)
                {
                    prOpen++;
                }

                if (pr.Deadline <= lastDay)
                {
                    prDue++;
                    if (resolvedByThen && pr.ResolvedOn <= pr.Deadline)
                    {
                        prResolved++;
                    }
                }
            }

            var trackId = TrackOf(p.PlanTrackId ?? p.TrackId);
            result.Add(new EvaluatedProject
            {
                Id = p.Id,
                Code = p.Code,
                Name = p.Name,
                TrackId = trackId,
                Track = trackId is { } t && trackNames.TryGetValue(t, out var tn) ? tn : null,
                Phase = p.Phase,
                TownId = p.TownId,
                Town = Name(units, p.TownId),
                ResponsibleUnitId = p.ResponsibleUnitId,
                ResponsibleUnit = Name(units, p.ResponsibleUnitId) ?? "",
                CommandId = p.CommandId,
                Command = Name(units, p.CommandId),
                Owner = Name(units, p.OwnerId),
                LeadOfficial = p.LeadOfficialId is { } lo && people.TryGetValue(lo, out var lon) ? lon : null,
                Commissioner = p.CommissionerId is { } co && people.TryGetValue(co, out var con) ? con : null,
                TotalInvestment = p.TotalInvestment,
                AnnualPlan = p.Plan,
                Completed = rs.Sum,
                Lists = listsByProject[p.Id].ToList(),
                Verdict = verdict,
                PlannedStart = plannedStart,
                ActualStart = actualStart,
                DueToStart = dueToStart,
                StartedWhenDue = startedWhenDue,
                MilestonesDue = msDue,
                MilestonesOnTime = msOnTime,
                ProblemsDue = prDue,
                ProblemsResolved = prResolved,
                OpenProblems = prOpen,
                ReportsDue = month.Month,
                ReportsOnTime = rs.OnTime,
            });
        }

        return new PortfolioSnapshot(year, month, listCode, list.Name, rules, result, units, tracks);
    }

    private static string? Name(IReadOnlyDictionary<int, UnitInfo> units, int? id) =>
        id is { } i && units.TryGetValue(i, out var u) ? u.Name : null;
}
