using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Organisation;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Setup;

/// <summary>The steps a district takes to start on an empty database, in the order they depend on each other.</summary>
public enum SetupStep
{
    /// <summary>地区与年度: the office's name and the plan year.</summary>
    District = 1,

    /// <summary>组织机构: units, commands, people, the year's tracks and lists.</summary>
    Organisation = 2,

    /// <summary>项目库.</summary>
    Projects = 3,

    /// <summary>年度计划: each project's plan for the year.</summary>
    Plans = 4,

    /// <summary>指标计划: the year's indicator targets (from the plan document or the workbook).</summary>
    Indicators = 5,

    /// <summary>账户: who reports for which unit.</summary>
    Accounts = 6,

    /// <summary>历史月报 (optional: a district starting mid-year brings in the months it reported).</summary>
    History = 7,
}

/// <summary>Where one step stands: done or not, what is there, what is still missing (Chinese, for the page).</summary>
public sealed record SetupItem(SetupStep Step, bool Done, string Have, IReadOnlyList<string> Missing, bool Optional = false);

public sealed record SetupView(int Year, string? Organisation, IReadOnlyList<SetupItem> Items)
{
    public bool Complete => Items.Where(i => !i.Optional).All(i => i.Done);
}

/// <summary>
/// The setup checklist of a year, computed from the data each time (nothing to keep in step with): every step can be
/// skipped, done in any order the data allows, and come back to; the page shows what is still missing.
/// </summary>
public static class SetupStatus
{
    public static async Task<SetupView> GetAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ApplyScope(DataScope.Everything);
        var organisation = await db.Settings.AsNoTracking().Where(s => s.Key == Site.SiteName.SettingKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        var org = await OrganisationQueries.GetAsync(db, year, includeDeactivated: false, ct);
        var annual = await db.ProjectLists.AsNoTracking().Where(l => l.Year == year && l.Code == PortfolioEvaluator.AnnualMajorList).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
        var onList = annual is { } a ? await db.ProjectListEntries.CountAsync(e => e.ProjectListId == a, ct) : 0;
        var projects = await db.Projects.CountAsync(ct);
        var plans = await db.AnnualPlans.CountAsync(p => p.Year == year, ct);
        var unplanned = annual is { } a2 ? await db.ProjectListEntries.CountAsync(e => e.ProjectListId == a2 && !db.AnnualPlans.Any(p => p.Year == year && p.ProjectId == e.ProjectId), ct) : 0;
        var targets = await db.IndicatorTargets.CountAsync(t => t.Year == year, ct);
        var reporters = await db.Users.CountAsync(u => !u.Disabled && u.UnitId != null, ct);
        var unitsWithProjects = await db.Projects.Where(p => p.Status == ProjectStatus.Open).Select(p => p.ResponsibleUnitId).Distinct().CountAsync(ct);
        var unitsWithReporter = await db.Projects.Where(p => p.Status == ProjectStatus.Open && db.Users.Any(u => !u.Disabled && u.UnitId == p.ResponsibleUnitId))
            .Select(p => p.ResponsibleUnitId).Distinct().CountAsync(ct);
        var first = new Domain.Periods.YearMonth(year, 1).Id;
        var last = new Domain.Periods.YearMonth(year, 12).Id;
        var months = await db.MonthlyReports.Where(r => r.Month >= first && r.Month <= last).Select(r => r.Month).Distinct().CountAsync(ct);

        var items = new List<SetupItem>
        {
            new(SetupStep.District, organisation is not null && annual is not null,
                $"{organisation ?? "(未填写单位名称)"};{year}年",
                [.. organisation is null ? new[] { "填写本单位名称(如 重庆市长寿区发展和改革委员会),显示在登录页和公文上" } : [],
                 .. annual is null ? new[] { $"开启{year}年:建立“年度重大建设项目”清单" } : []]),
            new(SetupStep.Organisation, org.Missing.Count == 0,
                $"单位 {org.Units.Count} 个,人员 {org.People.Count} 人,{year}年专项 {org.Tracks.Count} 个、清单 {org.Lists.Count} 个", org.Missing),
            new(SetupStep.Projects, onList > 0,
                $"项目库共 {projects} 个项目,{year}年年度重大建设项目清单 {onList} 个",
                onList > 0 ? [] : ["导入项目库(Excel)或逐个新建项目,并列入年度重大建设项目清单"]),
            new(SetupStep.Plans, onList > 0 && unplanned == 0,
                $"{year}年年度计划 {plans} 个",
                unplanned > 0 ? [$"清单中还有 {unplanned} 个项目没有{year}年年度计划"] : onList == 0 ? ["先建立项目库"] : []),
            new(SetupStep.Indicators, targets > 0,
                $"{year}年指标目标 {targets} 个",
                targets > 0 ? [] : ["上传计划报告(txt/docx/pdf)识别指标,或导入指标数据"]),
            new(SetupStep.Accounts, unitsWithProjects > 0 && unitsWithReporter == unitsWithProjects,
                $"单位填报账户 {reporters} 个;{unitsWithReporter}/{unitsWithProjects} 个责任单位已有填报账户",
                unitsWithProjects > unitsWithReporter ? [$"还有 {unitsWithProjects - unitsWithReporter} 个责任单位没有填报账户"] : unitsWithProjects == 0 ? ["先建立项目库"] : []),
            new(SetupStep.History, months > 0, $"{year}年已有 {months} 个月的月报", [], Optional: true),
        };
        return new SetupView(year, organisation, items);
    }

    /// <summary>Sets the office's name shown on the sign-in page and in documents.</summary>
    public static async Task SetOrganisationAsync(AppDbContext db, string? name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var t = name?.Trim();
        if (string.IsNullOrEmpty(t) || t.Length > 100 || t.Any(char.IsControl))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["organisation"] = ["单位名称不能为空,最多100字"] });
        }

        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == Site.SiteName.SettingKey, ct);
        if (setting is null)
        {
            db.Settings.Add(new Setting { Key = Site.SiteName.SettingKey, Value = t });
        }
        else
        {
            setting.Value = t;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Opens a plan year on an empty catalogue: its 年度重大建设项目 list, which the dashboard, the league tables and
    /// the briefing count by. Nothing happens when the list is there already.
    /// </summary>
    public static async Task<bool> OpenYearAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (year is < 2000 or > 2100)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["year"] = [$"年份应在2000–2100之间,收到{year}"] });
        }

        if (await db.ProjectLists.AnyAsync(l => l.Year == year && l.Code == PortfolioEvaluator.AnnualMajorList, ct))
        {
            return false;
        }

        await OrganisationEdits.SaveListAsync(db, null, new ListInput(year, PortfolioEvaluator.AnnualMajorList, "年度重大建设项目", 1, null, false), ct);
        return true;
    }
}
