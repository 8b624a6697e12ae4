using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Documents;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Projects;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Excel;

/// <summary>
/// Lists and league tables as .xlsx, with the list's filters applied and colours as cell fills. The project sheet
/// carries every project-library column under the import's own headers, so the file a user exports, edits and
/// uploads again is read by <see cref="ProjectImport"/> column for column; the evaluated columns after them
/// (年度计划, 赋色…) are not library fields and the import passes over them.
/// </summary>
public static class ExcelExport
{
    public static async Task<byte[]> ProjectsAsync(AppDbContext db, YearMonth month, ProjectFilter filter, CancellationToken ct = default)
    {
        var snapshot = await PortfolioEvaluator.EvaluateAsync(db, month, filter.List, ct);
        IReadOnlyDictionary<int, IReadOnlyList<string>>? tiers = null;
        var listRows = await (from e in db.ProjectListEntries
                              join l in db.ProjectLists on e.ProjectListId equals l.Id
                              where l.Year == month.Year
                              orderby l.SortOrder, l.Code
                              select new { e.ProjectId, l.Code, l.Name }).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(filter.Tier))
        {
            tiers = listRows.GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Code).ToList());
        }

        // The list's own paging caps a page at 500; the export wants every filtered row, in the list's order.
        var rows = new List<ProjectRowDto>();
        for (var page = 1; ; page++)
        {
            var p = ProjectQueries.Page(snapshot, filter with { Page = page, PageSize = 500 }, tiers);
            rows.AddRange(p.Items);
            if (rows.Count >= p.Total || p.Items.Count == 0)
            {
                break;
            }
        }

        var ids = rows.Select(r => r.Id).ToList();
        var projects = await db.Projects.AsNoTracking()
            .Include(p => p.Track).Include(p => p.Town).Include(p => p.Owner).Include(p => p.ResponsibleUnit)
            .Include(p => p.LeadOfficial).Include(p => p.Commissioner).Include(p => p.Command)
            .Where(p => EF.Parameter(ids).Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var listNames = listRows.ToLookup(r => r.ProjectId, r => r.Name);
        var reached = await StartsAsync(db, ids, ct);

        var sheet = new List<Dictionary<string, object?>>(rows.Count);
        foreach (var r in rows)
        {
            var p = projects[r.Id];
            var row = LibraryRow(p, listNames[p.Id], reached[p.Id]);
            row["年度计划(万元)"] = r.AnnualPlan;
            row["累计完成(万元)"] = r.Completed;
            row["完成率"] = r.CompletionRate;
            row["序时进度"] = r.TimeProgress;
            row["赋色"] = r.ColourName;
            row["赋色原因"] = r.Reason;
            sheet.Add(row);
        }
        if (sheet.Count == 0)
        {
            // MiniExcel needs a row to know the columns; an empty filtered list still gets its header.
            sheet.Add(ProjectImport.Columns.ToDictionary(c => c.Label, _ => (object?)null, StringComparer.Ordinal));
        }

        var sheets = new Dictionary<string, object> { [ProjectImport.SheetName] = sheet };
        // Rates are written as fractions so Excel can compute with them; ExcelLayout shows them as 45.8%.
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return WorkbookPasses.Run(stream.ToArray(), ExcelFills.Apply, ExcelLayout.Apply);
    }

    /// <summary>
    /// The year's annual plans under <see cref="PlanImport"/>'s headers, one row per plan in project-code order: the
    /// file imports back unchanged. A blank curve stays blank (months ÷ 12), due months are written as 2023-03.
    /// </summary>
    public static async Task<byte[]> PlansAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        var plans = await db.AnnualPlans.AsNoTracking().Include(a => a.Milestones)
            .Where(a => a.Year == year).OrderBy(a => a.Project!.Code)
            .Select(a => new { a.Project!.Code, a.Project.Name, Plan = a }).ToListAsync(ct);
        var rows = plans.Select(p => PlanRow(p.Code, p.Name, p.Plan)).ToList();
        if (rows.Count == 0)
        {
            // MiniExcel needs a row to know the columns; a year without plans still gets its header.
            rows.Add(PlanRow(null, null, null));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [PlanImport.SheetName] = rows });
        return ExcelLayout.Apply(stream.ToArray());
    }

    /// <summary>One plan as a sheet row keyed by <see cref="PlanImport.Columns"/>' labels; null gives the empty row.</summary>
    internal static Dictionary<string, object?> PlanRow(string? code, string? name, AnnualPlan? plan)
    {
        var label = PlanImport.Columns.ToDictionary(c => c.Key, c => c.Label, StringComparer.Ordinal);
        var row = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [label["code"]] = code,
            [label["name"]] = name,
            [label["planned"]] = plan?.PlannedInvestment,
            [label["before"]] = plan?.CompletedBeforeYear,
        };
        foreach (var (c, i) in PlanImport.MonthColumns.Select((c, i) => (c, i)))
        {
            row[c.Label] = plan?.MonthlyCumulative?[i];
        }

        foreach (var (kind, spec) in PlanImport.MilestoneColumns)
        {
            var due = plan?.Milestones.Where(m => m.Kind == kind).Select(m => (int?)m.DueMonth).Min();
            row[spec.Label] = due is { } d ? $"{d / 100}-{d % 100:00}" : null;
        }

        return row;
    }

    /// <summary>The 赛马 league tables of a month, one sheet per unit type, 红黑榜 filled.</summary>
    public static async Task<byte[]> RankingsAsync(AppDbContext db, YearMonth month, UnitType? type, string? list, CancellationToken ct = default)
    {
        var result = await Rankings.GetAsync(db, month, type, list, ct);
        var sheets = new Dictionary<string, object>();
        foreach (var t in result.Tables)
        {
            sheets[$"{t.Name}赛马"] = t.Rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["名次"] = r.Rank,
                ["单位"] = r.UnitName,
                ["项目数"] = r.Projects,
                ["得分"] = r.Score,
                ["完成率"] = r.CompletionRate,
                ["上月名次"] = r.PreviousRank,
                ["名次变化"] = r.RankChange switch { null => string.Empty, > 0 => $"↑{r.RankChange}", < 0 => $"↓{-r.RankChange}", _ => "—" },
                ["红黑榜"] = r.RedList ? "红榜" : r.BlackList ? "黑榜" : string.Empty,
                ["得分说明"] = r.Why,
            }).ToList();
        }

        if (sheets.Count == 0)
        {
            sheets["赛马"] = new List<Dictionary<string, object?>> { new() { ["名次"] = null, ["单位"] = null } };
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return WorkbookPasses.Run(stream.ToArray(), ExcelFills.Apply, ExcelLayout.Apply);
    }

    /// <summary>
    /// The whole project library of a year — every project on one of its lists or with a plan for it, open or
    /// closed — under the import's headers: what a district carries into an empty database, and what imports back
    /// unchanged. (The evaluated list export above is one list as of one month.)
    /// </summary>
    public static async Task<byte[]> LibraryAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        var onList = db.ProjectListEntries.Where(e => e.ProjectList!.Year == year).Select(e => e.ProjectId);
        var planned = db.AnnualPlans.Where(a => a.Year == year).Select(a => a.ProjectId);
        var projects = await db.Projects.AsNoTracking()
            .Include(p => p.Track).Include(p => p.Town).Include(p => p.Owner).Include(p => p.ResponsibleUnit)
            .Include(p => p.LeadOfficial).Include(p => p.Commissioner).Include(p => p.Command)
            .Where(p => onList.Contains(p.Id) || planned.Contains(p.Id))
            .OrderBy(p => p.Code).ToListAsync(ct);
        var listNames = (await (from e in db.ProjectListEntries
                                join l in db.ProjectLists on e.ProjectListId equals l.Id
                                where l.Year == year
                                orderby l.SortOrder, l.Code
                                select new { e.ProjectId, l.Name }).ToListAsync(ct)).ToLookup(r => r.ProjectId, r => r.Name);
        var reached = await StartsAsync(db, projects.Select(p => p.Id).ToList(), ct);
        var sheet = projects.Select(p => LibraryRow(p, listNames[p.Id], reached[p.Id])).ToList();
        if (sheet.Count == 0)
        {
            sheet.Add(ProjectImport.Columns.ToDictionary(c => c.Label, _ => (object?)null, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [ProjectImport.SheetName] = sheet });
        return ExcelLayout.Apply(stream.ToArray());
    }

    /// <summary>
    /// Every report of a month in the user's scope as it stands — figures, 状态, 报送人/时间, 审核人/时间, 退回原因 —
    /// and the milestones reached in the month with when they were recorded; a project that reached a milestone but
    /// did not report is listed as 未报送. `import reports --as-submitted` reads it back unchanged.
    /// </summary>
    public static async Task<byte[]> ReportHistoryAsync(AppDbContext db, YearMonth month, CancellationToken ct = default)
    {
        var reports = await db.MonthlyReports.AsNoTracking().Where(r => r.Month == month.Id)
            .Select(r => new { r.ProjectId, r.Project!.Code, r.Project.Name, Report = r }).ToListAsync(ct);
        var reached = await db.ReachedMilestones.AsNoTracking().Where(m => m.Month == month.Id)
            .Select(m => new { m.ProjectId, m.Project!.Code, m.Project.Name, m.Kind, m.RecordedAt }).ToListAsync(ct);
        var byProject = reached.ToLookup(m => m.ProjectId);
        var projects = reports.Select(r => (r.ProjectId, r.Code, r.Name)).Concat(reached.Select(m => (m.ProjectId, m.Code, m.Name)))
            .DistinctBy(p => p.ProjectId).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var reportOf = reports.ToDictionary(r => r.ProjectId, r => r.Report);
        static string? Time(DateTime? utc) => utc is { } t
            ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToOffset(ReportingCalendar.ChinaOffset).ToString(ReportImport.TimeFormat, CultureInfo.InvariantCulture)
            : null;

        var rows = new List<Dictionary<string, object?>>();
        foreach (var (id, code, name) in projects)
        {
            reportOf.TryGetValue(id, out var r);
            var ms = byProject[id].OrderBy(m => m.Kind).ToList();
            var values = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["code"] = code,
                ["name"] = name,
                ["amount"] = r?.Amount,
                ["progress"] = r?.Progress,
                ["note"] = r?.CorrectionNote,
                ["milestones"] = ms.Count == 0 ? null : string.Join("、", ms.Select(m => Names.Of(m.Kind))),
                ["status"] = r is null ? ReportImport.NotReported : Names.Of(r.Status),
                ["submittedBy"] = r?.SubmittedBy,
                ["submittedAt"] = Time(r?.SubmittedAt),
                ["reviewedBy"] = r?.ReviewedBy,
                ["reviewedAt"] = Time(r?.ReviewedAt),
                ["returnReason"] = r?.ReturnReason,
                // One time per row: milestones of a month are recorded with its report.
                ["milestonesAt"] = ms.Count == 0 ? null : Time(ms.Max(m => m.RecordedAt)),
            };
            rows.Add(ReportImport.Columns.ToDictionary(c => c.Label, c => values.GetValueOrDefault(c.Key), StringComparer.Ordinal));
        }

        if (rows.Count == 0)
        {
            rows.Add(ReportImport.Columns.ToDictionary(c => c.Label, _ => (object?)null, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [ReportImport.SheetName] = rows });
        return ExcelLayout.Apply(stream.ToArray());
    }

    /// <summary>The project-library columns of one project, under <see cref="ProjectImport"/>'s headers.</summary>
    private static Dictionary<string, object?> LibraryRow(Project p, IEnumerable<string> lists, IEnumerable<ReachedMilestone> reached) => new(StringComparer.Ordinal)
    {
        ["项目代码"] = p.Code,
        ["项目名称"] = p.Name,
        ["建设内容"] = p.Content,
        ["所属专项"] = p.Track?.Name,
        ["所属清单"] = string.Join("、", lists),
        ["项目阶段"] = Names.Of(p.Phase),
        ["所在街镇"] = p.Town?.Name,
        ["业主单位"] = p.Owner?.Name,
        ["责任单位"] = p.ResponsibleUnit?.Name,
        ["责任领导"] = p.LeadOfficial?.Name,
        ["服务专员"] = p.Commissioner?.Name,
        ["指挥部"] = p.Command?.Name,
        ["总投资(万元)"] = p.TotalInvestment,
        ["计划开工"] = Date(p.PlannedStart),
        ["计划竣工"] = Date(p.PlannedFinish),
        ["中央预算内(万元)"] = p.FundCentralBudget,
        ["地方政府专项债(万元)"] = p.FundSpecialBonds,
        ["银行贷款(万元)"] = p.FundBankLoans,
        ["企业自筹(万元)"] = p.FundSelfRaised,
        ["其他资金(万元)"] = p.FundOther,
        ["实际开工"] = reached.FirstOrDefault(m => m.Kind == MilestoneKind.Start) is { } s ? MonthText(s.Month) : null,
        ["入库纳统"] = reached.FirstOrDefault(m => m.Kind == MilestoneKind.Registered) is { } g ? MonthText(g.Month) : null,
    };

    private static async Task<ILookup<int, ReachedMilestone>> StartsAsync(AppDbContext db, List<int> ids, CancellationToken ct) =>
        (await db.ReachedMilestones.AsNoTracking()
            .Where(m => (m.Kind == MilestoneKind.Start || m.Kind == MilestoneKind.Registered) && EF.Parameter(ids).Contains(m.ProjectId))
            .ToListAsync(ct)).ToLookup(m => m.ProjectId);

    /// <summary>2023-03: a month as the import's date reader takes it back.</summary>
    private static string MonthText(int monthId)
    {
        var m = YearMonth.FromId(monthId);
        return string.Create(CultureInfo.InvariantCulture, $"{m.Year}-{m.Month:00}");
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
