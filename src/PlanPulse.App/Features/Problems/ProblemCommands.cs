using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Problems;

public sealed record RaiseProblemCommand(int ProjectId, string? Description, string? Category, string? Month, DateOnly? Deadline);

public sealed record EscalateProblemCommand(int ProblemId, string? Note, int? Version);

public sealed record ResolveProblemCommand(int ProblemId, string? Resolution, DateOnly? ResolvedOn, int? Version);

public sealed record ProblemResult(int Id, string Status, string Level, string OwnerUnit, int Version);

/// <summary>
/// Problems a project raises go to its responsible unit first; escalation moves them to the project's track
/// command, then to the general command; each step names the unit that now owns the problem.
/// </summary>
public static class ProblemCommands
{
    public static async Task<ProblemResult> RaiseAsync(AppDbContext db, RaiseProblemCommand c, TimeProvider clock, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == c.ProjectId, ct);
        if (project is null)
        {
            errors["projectId"] = [$"项目不存在:{c.ProjectId}"];
        }

        if (string.IsNullOrWhiteSpace(c.Description))
        {
            errors["description"] = ["请填写问题描述"];
        }

        var category = ProblemCategory.Other;
        if (!string.IsNullOrWhiteSpace(c.Category) && !TryCategory(c.Category, out category))
        {
            errors["category"] = [$"未知的问题类别:“{c.Category}”(用地/环评/资金/审批/征拆/其他)"];
        }

        var now = clock.GetUtcNow();
        var month = ReportingCalendar.CurrentMonth(now);
        if (!string.IsNullOrWhiteSpace(c.Month) && !YearMonth.TryParse(c.Month, out month))
        {
            errors["month"] = [$"月份格式应为 yyyyMM 或 yyyy-MM,收到“{c.Month}”"];
        }

        var deadline = c.Deadline ?? month.AddMonths(1).LastDay;
        if (deadline < month.FirstDay)
        {
            errors["deadline"] = ["办结时限不能早于提出月份"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var problem = new Problem
        {
            ProjectId = project!.Id,
            Description = c.Description!.Trim(),
            Category = category,
            Level = EscalationLevel.Unit,
            OwnerUnitId = project.ResponsibleUnitId,
            RaisedMonth = month.Id,
            Deadline = deadline,
            Status = ProblemStatus.Open,
        };
        db.Problems.Add(problem);
        await db.SaveChangesAsync(ct);
        return await ResultAsync(db, problem.Id, ct);
    }

    public static async Task<ProblemResult> EscalateAsync(AppDbContext db, EscalateProblemCommand c, CancellationToken ct = default)
    {
        var problem = await LoadAsync(db, c.ProblemId, c.Version, ct);
        if (problem.Status == ProblemStatus.Resolved)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["status"] = ["问题已解决,无需上报"] });
        }

        var project = await db.Projects.Include(p => p.Command).FirstAsync(p => p.Id == problem.ProjectId, ct);
        switch (problem.Level)
        {
            case EscalationLevel.Unit when project.CommandId is { } cmd && project.Command?.ParentId is not null:
                problem.Level = EscalationLevel.TrackCommand;
                problem.OwnerUnitId = cmd;
                break;
            case EscalationLevel.Unit:
            case EscalationLevel.TrackCommand:
                var general = project.Command?.ParentId ?? project.CommandId
                    ?? await db.Units.Where(u => u.Type == UnitType.Command && u.ParentId == null).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
                if (general is null)
                {
                    throw new ValidationFailedException(new Dictionary<string, string[]> { ["level"] = ["未设置总指挥部,无法上报"] });
                }

                problem.Level = EscalationLevel.GeneralCommand;
                problem.OwnerUnitId = general.Value;
                break;
            default:
                throw new ValidationFailedException(new Dictionary<string, string[]> { ["level"] = ["问题已在总指挥部,不能再上报"] });
        }

        await SaveAsync(db, problem, ct);
        return await ResultAsync(db, problem.Id, ct);
    }

    public static async Task<ProblemResult> ResolveAsync(AppDbContext db, ResolveProblemCommand c, TimeProvider clock, CancellationToken ct = default)
    {
        var problem = await LoadAsync(db, c.ProblemId, c.Version, ct);
        if (string.IsNullOrWhiteSpace(c.Resolution))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["resolution"] = ["请填写解决情况"] });
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ReportingCalendar.ChinaOffset).DateTime);
        var on = c.ResolvedOn ?? today;
        if (on > today)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["resolvedOn"] = ["解决日期不能晚于今天"] });
        }

        if (on < YearMonth.FromId(problem.RaisedMonth).FirstDay)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["resolvedOn"] = ["解决日期不能早于问题提出月份"] });
        }

        problem.Status = ProblemStatus.Resolved;
        problem.ResolvedOn = on;
        problem.Resolution = c.Resolution.Trim();
        await SaveAsync(db, problem, ct);
        return await ResultAsync(db, problem.Id, ct);
    }

    public static bool TryCategory(string text, out ProblemCategory category)
    {
        text = text.Trim();
        if (Enum.TryParse(text, true, out category) && Enum.IsDefined(category))
        {
            return true;
        }

        foreach (var c in Enum.GetValues<ProblemCategory>())
        {
            if (Names.Of(c) == text)
            {
                category = c;
                return true;
            }
        }

        return false;
    }

    private static async Task<Problem> LoadAsync(AppDbContext db, int id, int? version, CancellationToken ct)
    {
        var problem = await db.Problems.FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new ValidationFailedException(new Dictionary<string, string[]> { ["problemId"] = [$"问题不存在:{id}"] });
        if (version is { } v && v != problem.Version)
        {
            throw new ConcurrencyConflictException($"该问题已被他人修改(当前版本 {problem.Version}),请刷新后再操作", problem.Version);
        }

        return problem;
    }

    private static async Task SaveAsync(AppDbContext db, Problem problem, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Problems.AsNoTracking().Where(p => p.Id == problem.Id).Select(p => p.Version).FirstOrDefaultAsync(ct);
            throw new ConcurrencyConflictException("该问题已被他人修改,请刷新后再操作", current);
        }
    }

    private static async Task<ProblemResult> ResultAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var p = await db.Problems.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Id, x.Status, x.Level, Owner = x.OwnerUnit!.Name, x.Version }).FirstAsync(ct);
        return new ProblemResult(p.Id, Names.Of(p.Status), Names.Of(p.Level), p.Owner, p.Version);
    }
}
