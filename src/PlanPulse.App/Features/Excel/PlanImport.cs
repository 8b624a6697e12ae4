using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Excel;

/// <summary>
/// The year's annual plans (年度计划) from a sheet, one row per project, updated by (project code, year): annual planned
/// investment, investment completed before the year, the 12-month planned cumulative curve and the planned milestone
/// months. As in <see cref="ProjectImport"/> the sheet is the record for the columns it has and an absent column leaves
/// the field alone. Projects are never created here: a plan for a code the library does not have is a problem.
/// A locked month does not block a plan: locks close monthly reports, and no rule closes a year's plan.
/// </summary>
public static class PlanImport
{
    public const string SheetName = "年度计划";

    /// <summary>Month columns: 1月计划累计完成(万元) … 12月计划累计完成(万元); keys m1 … m12.</summary>
    public static readonly IReadOnlyList<ColumnSpec> MonthColumns = Enumerable.Range(1, 12).Select(m => new ColumnSpec(
        $"m{m}",
        $"{m}月计划累计完成(万元)",
        CellKind.Amount,
        false,
        $"{m}月计划累计完成",
        $"{m}月计划累计",
        $"{m}月累计计划",
        $"截至{m}月计划累计",
        $"{m}月",
        $"{RowReader.ChineseMonths[m - 1]}月")).ToList();

    /// <summary>Milestone columns: 计划开工月份, 计划入库纳统月份, … in <see cref="MilestoneKind"/> order; keys ms-Start …</summary>
    public static readonly IReadOnlyList<(MilestoneKind Kind, ColumnSpec Spec)> MilestoneColumns = Enum.GetValues<MilestoneKind>().Select(k => (k, new ColumnSpec(
        $"ms-{k}",
        $"计划{Names.Of(k)}月份",
        CellKind.Date,
        false,
        $"计划{Names.Of(k)}时间",
        $"计划{Names.Of(k)}",
        $"{Names.Of(k)}月份",
        $"预计{Names.Of(k)}时间"))).ToList();

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("code", "项目代码", CellKind.Text, true, "项目编号", "项目编码", "编码", "代码"),
        new("name", "项目名称", CellKind.Text, false, "名称"),
        new("planned", "年度计划投资(万元)", CellKind.Amount, true, "年度计划投资", "年度计划", "年度投资计划", "年计划投资", "本年计划投资", "计划投资"),
        new("before", "开工累计完成(万元)", CellKind.Amount, false, "开工累计完成", "开工以来累计完成", "以前年度累计完成", "截至上年底累计完成", "上年底累计完成"),
        .. MonthColumns,
        .. MilestoneColumns.Select(c => c.Spec),
    ];

    private sealed record Row(SheetRow Source, int ProjectId, decimal Planned, decimal Before, decimal[]? Curve, IReadOnlyDictionary<MilestoneKind, YearMonth?> Milestones);

    public static async Task<ImportResult> RunAsync(AppDbContext db, Stream xlsx, ImportOptions options, int year, CancellationToken ct = default)
    {
        using var sheet = SheetReader.Read(xlsx, Columns);
        var problems = new List<ExcelProblem>(sheet.Problems);
        var months = MonthColumns.Where(c => sheet.Has(c.Key)).ToList();
        if (sheet.HeaderRow > 0 && months.Count is > 0 and < 12)
        {
            // A curve with some months missing cannot be read as a curve, and guessing the others is not reading it.
            var missing = string.Join("、", MonthColumns.Where(c => !sheet.Has(c.Key)).Select(c => c.Key[1..] + "月"));
            problems.Add(new ExcelProblem(sheet.Sheet, sheet.HeaderRow, null, null, $"月度计划累计完成应有1月至12月共12列,缺少{missing}"));
        }

        if (problems.Count > 0)
        {
            return new ImportResult(false, new ImportSummary(0, 0, 0, 0, 0, sheet.Skipped), problems, null);
        }

        // A year's plans are a few hundred rows: kept in memory so the codes are looked up in one query.
        var sourceRows = sheet.ReadRows().ToList();
        var codes = sourceRows.Select(r => sheet.Row(r, []).Text("code")).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => EF.Parameter(codes).Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.Id, StringComparer.Ordinal, ct);

        var rowProblems = new Dictionary<int, List<ExcelProblem>>();
        var rowsByCode = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var parsed = new List<Row>();
        foreach (var source in sourceRows)
        {
            var mine = new List<ExcelProblem>();
            var row = Parse(sheet.Row(source, mine), year, months.Count == 12, projects);
            ImportSteps.NoteCode(rowsByCode, sheet.Row(source, []).Text("code"), source.Number);
            if (mine.Count > 0)
            {
                rowProblems[source.Number] = mine;
            }
            else
            {
                parsed.Add(row!);
            }
        }

        ImportSteps.RejectDuplicates(sheet, rowsByCode, rowProblems);
        problems = ImportSteps.InRowOrder(rowProblems);
        var valid = parsed.Where(r => !rowProblems.ContainsKey(r.Source.Number)).ToList();
        var apply = options.Mode == ImportMode.Commit && (problems.Count == 0 || options.KeepValid);

        var ids = valid.Select(r => r.ProjectId).ToList();
        var existing = await db.AnnualPlans.Include(a => a.Milestones).Where(a => a.Year == year && EF.Parameter(ids).Contains(a.ProjectId)).ToDictionaryAsync(a => a.ProjectId, ct);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var r in valid)
        {
            if (!existing.TryGetValue(r.ProjectId, out var plan))
            {
                created++;
                if (apply)
                {
                    plan = new AnnualPlan { ProjectId = r.ProjectId, Year = year };
                    Apply(sheet, plan, r);
                    db.AnnualPlans.Add(plan);
                }

                continue;
            }

            // Values go onto tracked entities and EF's change detection decides: the same figures again are no change.
            Apply(sheet, plan, r);
            db.ChangeTracker.DetectChanges();
            var changed = db.Entry(plan).State == EntityState.Modified || db.ChangeTracker.Entries<PlannedMilestone>().Any(e => e.Entity.AnnualPlanId == plan.Id && e.State != EntityState.Unchanged);
            if (changed)
            {
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        var summary = new ImportSummary(sheet.RowCount, created, updated, unchanged, rowProblems.Count, sheet.Skipped);
        return await ImportSteps.FinishAsync(db, sheet, apply, summary, problems, rowProblems, ct);
    }

    private static void Apply(SheetReader sheet, AnnualPlan plan, Row r)
    {
        plan.PlannedInvestment = r.Planned;
        if (sheet.Has("before"))
        {
            plan.CompletedBeforeYear = r.Before;
        }

        if (sheet.Has("m1"))
        {
            plan.MonthlyCumulative = r.Curve;
        }

        foreach (var (kind, due) in r.Milestones)
        {
            var same = plan.Milestones.Where(m => m.Kind == kind).OrderBy(m => m.DueMonth).ToList();
            if (due is not { } month)
            {
                plan.Milestones.RemoveAll(same.Contains);
                continue;
            }

            if (same.Count == 0)
            {
                plan.Milestones.Add(new PlannedMilestone { Kind = kind, DueMonth = month.Id });
                continue;
            }

            // One due month per kind is what the sheet can say; a second one of the same kind is replaced by it.
            same[0].DueMonth = month.Id;
            plan.Milestones.RemoveAll(same.Skip(1).Contains);
        }
    }

    private static Row? Parse(RowReader x, int year, bool hasCurve, IReadOnlyDictionary<string, int> projects)
    {
        var code = x.Text("code", 64);
        int? projectId = null;
        if (code is null)
        {
            x.Fail("code", "项目代码不能为空");
        }
        else if (projects.TryGetValue(code, out var id))
        {
            projectId = id;
        }
        else
        {
            x.Fail("code", $"项目库中没有项目代码“{code}”,请先导入项目库或核对代码");
        }

        x.NonNegative("planned", "年度计划投资", "年度计划投资不能为空(本年没有计划投资请填 0)", out var planned);
        x.NonNegative("before", "开工累计完成", null, out var before);
        var curve = hasCurve ? Curve(x, planned) : null;

        var milestones = new Dictionary<MilestoneKind, YearMonth?>();
        foreach (var (kind, spec) in MilestoneColumns)
        {
            if (!x.Has(spec.Key) || !x.Month(spec.Key, year, out var due))
            {
                continue;
            }

            if (due is { } d && d.Year != year)
            {
                x.Fail(spec.Key, $"{spec.Label}{d.ToChinese()}不在{year}年内:年度计划只列本年的节点");
                continue;
            }

            milestones[kind] = due;
        }

        return projectId is { } pid && planned is { } p ? new Row(x.Source, pid, p, before ?? 0m, curve, milestones) : null;
    }

    /// <summary>
    /// The 12 cumulative amounts, or null when all are blank (time progress is then months ÷ 12). A curve must not
    /// fall from one month to the next (a planned cumulative cannot shrink) and must end at the annual plan: time
    /// progress is the curve over the annual plan, so a December that differs measures the year against another target.
    /// </summary>
    private static decimal[]? Curve(RowReader x, decimal? planned)
    {
        var values = new decimal?[12];
        var readable = true;
        for (var m = 1; m <= 12; m++)
        {
            readable &= x.NonNegative($"m{m}", $"{m}月计划累计完成", null, out values[m - 1]);
        }

        if (!readable || values.All(v => v is null))
        {
            return null;
        }

        var blank = Enumerable.Range(1, 12).Where(m => values[m - 1] is null).ToList();
        if (blank.Count > 0)
        {
            x.Fail($"m{blank[0]}", $"月度计划累计完成缺少{string.Join("、", blank.Select(m => $"{m}月"))}:12个月都要填(尚无计划投资的月份填 0),或全部留空按序时进度");
            return null;
        }

        var curve = values.Select(v => v!.Value).ToArray();
        var ok = true;
        for (var m = 2; m <= 12; m++)
        {
            if (curve[m - 1] < curve[m - 2])
            {
                x.Fail($"m{m}", $"{m}月计划累计完成({RowReader.Wan(curve[m - 1])})小于{m - 1}月({RowReader.Wan(curve[m - 2])}):累计数应逐月不减");
                ok = false;
            }
        }

        if (planned is { } p && p >= 0 && curve[11] != p)
        {
            x.Fail("m12", $"12月计划累计完成({RowReader.Wan(curve[11])})应等于年度计划投资({RowReader.Wan(p)})");
            ok = false;
        }

        return ok ? curve : null;
    }
}
