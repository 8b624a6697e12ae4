using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Paging;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Projects;

/// <summary>Filters of the project list. Every filter is optional; text matches code or name.</summary>
public sealed record ProjectFilter
{
    public string? List { get; init; }

    public int? TrackId { get; init; }

    /// <summary>A list code the project must also be on (a tier: special-major, city-major…).</summary>
    public string? Tier { get; init; }

    public int? UnitId { get; init; }

    public int? TownId { get; init; }

    public int? CommandId { get; init; }

    public Colour? Colour { get; init; }

    public Phase? Phase { get; init; }

    public string? Query { get; init; }

    /// <summary>code, name, total, plan, completed, rate, gap, colour; a leading '-' sorts descending.</summary>
    public string? Sort { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

public sealed record ProjectRowDto(
    int Id,
    string Code,
    string Name,
    string? Track,
    string Phase,
    string? Town,
    string ResponsibleUnit,
    string? Command,
    IReadOnlyList<string> Lists,
    decimal TotalInvestment,
    decimal AnnualPlan,
    decimal Completed,
    decimal? CompletionRate,
    decimal TimeProgress,
    decimal? GapPoints,
    string Colour,
    string ColourName,
    string Reason);

public sealed record ProjectPageDto(int Year, int Month, int Total, int Page, int PageSize, IReadOnlyList<ProjectRowDto> Items);

public sealed record MonthRowDto(int Month, decimal? Amount, decimal Cumulative, decimal? PlannedCumulative, string? Progress, string? CorrectionNote, string? Status, DateTime? SubmittedAt, bool OnTime, string Colour, string Reason);

public sealed record MilestoneDto(string Kind, string Name, int? DueMonth, int? ReachedMonth, bool OnTime);

public sealed record ProblemDto(int Id, int ProjectId, string ProjectName, string Description, string Category, string Level, string OwnerUnit, int RaisedMonth, DateOnly Deadline, string Status, DateOnly? ResolvedOn, string? Resolution, bool Overdue);

public sealed record FundingDto(decimal CentralBudget, decimal SpecialBonds, decimal BankLoans, decimal SelfRaised, decimal Other);

public sealed record ProjectDetailDto(
    ProjectRowDto Project,
    string? Content,
    string? Owner,
    string? LeadOfficial,
    string? Commissioner,
    DateOnly? PlannedStart,
    DateOnly? PlannedFinish,
    decimal CompletedBeforeYear,
    FundingDto Funding,
    IReadOnlyList<string> Hits,
    IReadOnlyList<MonthRowDto> Months,
    IReadOnlyList<MilestoneDto> Milestones,
    IReadOnlyList<ProblemDto> Problems,
    int Version);

public static class ProjectQueries
{
    public static ProjectRowDto Row(EvaluatedProject p) => new(
        p.Id,
        p.Code,
        p.Name,
        p.Track,
        Names.Of(p.Phase),
        p.Town,
        p.ResponsibleUnit,
        p.Command,
        p.Lists,
        p.TotalInvestment,
        p.AnnualPlan,
        p.Completed,
        p.Verdict.CompletionRate,
        p.Verdict.TimeProgress.Value,
        p.Verdict.GapPoints,
        p.Colour.ToString().ToLowerInvariant(),
        Names.Of(p.Colour),
        p.Verdict.Reason);

    /// <summary>Filters, sorts and pages an evaluated list on the server.</summary>
    public static ProjectPageDto Page(PortfolioSnapshot s, ProjectFilter f, IReadOnlyDictionary<int, IReadOnlyList<string>>? tierCodes = null)
    {
        IEnumerable<EvaluatedProject> q = s.Projects;
        if (f.TrackId is { } t)
        {
            q = q.Where(p => p.TrackId == t);
        }

        if (f.UnitId is { } u)
        {
            q = q.Where(p => p.ResponsibleUnitId == u);
        }

        if (f.TownId is { } town)
        {
            q = q.Where(p => p.TownId == town);
        }

        if (f.CommandId is { } cmd)
        {
            q = q.Where(p => p.CommandId == cmd);
        }

        if (f.Colour is { } c)
        {
            q = q.Where(p => p.Colour == c);
        }

        if (f.Phase is { } ph)
        {
            q = q.Where(p => p.Phase == ph);
        }

        if (!string.IsNullOrWhiteSpace(f.Tier) && tierCodes is not null)
        {
            q = q.Where(p => tierCodes.TryGetValue(p.Id, out var codes) && codes.Contains(f.Tier));
        }

        if (!string.IsNullOrWhiteSpace(f.Query))
        {
            var text = f.Query.Trim();
            q = q.Where(p => p.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || p.Code.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        var sort = (f.Sort ?? "code").Trim();
        var desc = sort.StartsWith('-');
        var key = sort.TrimStart('-', '+');
        Func<EvaluatedProject, object?> by = key switch
        {
            "name" => p => p.Name,
            "total" => p => p.TotalInvestment,
            "plan" => p => p.AnnualPlan,
            "completed" => p => p.Completed,
            "rate" => p => p.Verdict.CompletionRate ?? decimal.MinValue,
            "gap" => p => p.Verdict.GapPoints ?? decimal.MinValue,
            "colour" => p => p.Colour,
            _ => p => p.Code,
        };
        var ordered = desc ? q.OrderByDescending(by).ThenBy(p => p.Code, StringComparer.Ordinal) : q.OrderBy(by).ThenBy(p => p.Code, StringComparer.Ordinal);
        var all = ordered.ToList();
        var w = PageWindow.Of(f.Page, f.PageSize, all.Count);
        var items = all.Skip(w.Skip).Take(w.Size).Select(Row).ToList();
        return new ProjectPageDto(s.Year, s.Month.Month, all.Count, w.Page, w.Size, items);
    }

    public static async Task<ProjectPageDto> ListAsync(AppDbContext db, YearMonth month, ProjectFilter f, CancellationToken ct = default)
    {
        var s = await PortfolioEvaluator.EvaluateAsync(db, month, f.List, ct);
        IReadOnlyDictionary<int, IReadOnlyList<string>>? tiers = null;
        if (!string.IsNullOrWhiteSpace(f.Tier))
        {
            var rows = await (from e in db.ProjectListEntries
                              join l in db.ProjectLists on e.ProjectListId equals l.Id
                              where l.Year == month.Year
                              select new { e.ProjectId, l.Code }).ToListAsync(ct);
            tiers = rows.GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Code).ToList());
        }

        return Page(s, f, tiers);
    }

    /// <summary>
    /// One project with its month-by-month history (each month coloured as it stood then), milestones and problems.
    /// Evaluated against the given list (default the annual major list); a project not on it is evaluated alone.
    /// </summary>
    public static async Task<ProjectDetailDto?> DetailAsync(AppDbContext db, int id, YearMonth month, CancellationToken ct = default)
    {
        var project = await db.Projects.AsNoTracking()
            .Include(p => p.Owner).Include(p => p.LeadOfficial).Include(p => p.Commissioner)
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return null;
        }

        var lists = await db.ProjectListEntries.Where(e => e.ProjectId == id && e.ProjectList!.Year == month.Year)
            .OrderBy(e => e.ProjectList!.SortOrder).Select(e => e.ProjectList!.Code).ToListAsync(ct);
        var listCode = lists.Contains(PortfolioEvaluator.AnnualMajorList) ? PortfolioEvaluator.AnnualMajorList : lists.FirstOrDefault();
        if (listCode is null)
        {
            return null;
        }

        var snapshots = new List<PortfolioSnapshot>();
        for (var m = 1; m <= month.Month; m++)
        {
            snapshots.Add(await PortfolioEvaluator.EvaluateAsync(db, new YearMonth(month.Year, m), listCode, id, ct));
        }

        var current = snapshots[^1].Projects.First(p => p.Id == id);
        var plan = await db.AnnualPlans.AsNoTracking().Include(a => a.Milestones).FirstOrDefaultAsync(a => a.ProjectId == id && a.Year == month.Year, ct);
        var reports = await db.MonthlyReports.AsNoTracking().Where(r => r.ProjectId == id && r.Month / 100 == month.Year).ToDictionaryAsync(r => r.Month, ct);
        var rules = snapshots[^1].Rules;

        var months = new List<MonthRowDto>();
        for (var m = 1; m <= month.Month; m++)
        {
            var ym = new YearMonth(month.Year, m);
            var ev = snapshots[m - 1].Projects.First(p => p.Id == id);
            reports.TryGetValue(ym.Id, out var r);
            var onTime = r?.SubmittedAt is { } at && at < ReportingCalendar.Cutoff(ym, rules);
            months.Add(new MonthRowDto(ym.Id, r?.Amount, ev.Completed, plan?.MonthlyCumulative?[m - 1], r?.Progress, r?.CorrectionNote, r is null ? null : Names.Of(r.Status), r?.SubmittedAt, onTime, ev.Colour.ToString().ToLowerInvariant(), ev.Verdict.Reason));
        }

        // Milestones as the shown month stood at its deadline, like the colours: July's 入库 is not on June's page.
        var milestoneCutoff = ReportingCalendar.Cutoff(month, rules);
        var reached = await db.ReachedMilestones.AsNoTracking()
            .Where(r => r.ProjectId == id && r.Month <= month.Id && r.RecordedAt < milestoneCutoff)
            .ToDictionaryAsync(r => r.Kind, r => r.Month, ct);
        var milestones = new List<MilestoneDto>();
        foreach (var ms in plan?.Milestones.OrderBy(m => m.DueMonth) ?? Enumerable.Empty<PlannedMilestone>())
        {
            int? at = reached.TryGetValue(ms.Kind, out var a) ? a : null;
            milestones.Add(new MilestoneDto(ms.Kind.ToString(), Names.Of(ms.Kind), ms.DueMonth, at, at is { } x && x <= ms.DueMonth));
        }

        foreach (var (kind, at) in reached.Where(r => plan?.Milestones.All(m => m.Kind != r.Key) ?? true).OrderBy(r => r.Value))
        {
            milestones.Add(new MilestoneDto(kind.ToString(), Names.Of(kind), null, at, true));
        }

        var problems = await ProblemsAsync(db, month, projectId: id, ct: ct);
        return new ProjectDetailDto(
            Row(current),
            project.Content,
            project.Owner?.Name,
            project.LeadOfficial?.Name,
            project.Commissioner?.Name,
            project.PlannedStart,
            project.PlannedFinish,
            plan?.CompletedBeforeYear ?? 0,
            new FundingDto(project.FundCentralBudget, project.FundSpecialBonds, project.FundBankLoans, project.FundSelfRaised, project.FundOther),
            current.Verdict.Hits.OrderByDescending(h => h.Colour).Select(h => $"{Names.Of(h.Colour)}:{h.Text}").ToList(),
            months,
            milestones,
            problems,
            project.Version);
    }

    /// <summary>Problems as they stood at the end of the month: raised by then; resolved only if resolved by then.</summary>
    public static async Task<IReadOnlyList<ProblemDto>> ProblemsAsync(AppDbContext db, YearMonth month, int? projectId = null, bool? open = null, EscalationLevel? level = null, CancellationToken ct = default)
    {
        var q = db.Problems.AsNoTracking().Where(p => p.RaisedMonth <= month.Id);
        if (projectId is { } pid)
        {
            q = q.Where(p => p.ProjectId == pid);
        }

        if (level is { } l)
        {
            q = q.Where(p => p.Level == l);
        }

        var rows = await q.OrderBy(p => p.Deadline).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.ProjectId, ProjectName = p.Project!.Name, p.Description, p.Category, p.Level, Owner = p.OwnerUnit!.Name, p.RaisedMonth, p.Deadline, p.ResolvedOn, p.Resolution })
            .ToListAsync(ct);
        var end = month.LastDay;
        var result = rows.Select(p =>
        {
            var resolved = p.ResolvedOn is { } r && r <= end;
            return new ProblemDto(p.Id, p.ProjectId, p.ProjectName, p.Description, Names.Of(p.Category), Names.Of(p.Level), p.Owner, p.RaisedMonth, p.Deadline, Names.Of(resolved ? ProblemStatus.Resolved : ProblemStatus.Open), resolved ? p.ResolvedOn : null, resolved ? p.Resolution : null, !resolved && p.Deadline < end);
        });
        if (open is { } o)
        {
            result = result.Where(p => (p.ResolvedOn is null) == o);
        }

        return result.ToList();
    }
}
