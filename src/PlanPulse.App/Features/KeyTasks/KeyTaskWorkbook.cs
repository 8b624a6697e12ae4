using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Documents;
using PlanPulse.App.Features.Excel;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Tasks;

namespace PlanPulse.App.Features.KeyTasks;

/// <summary>
/// The key-task list as the responsibility sheet offices circulate, and back: an export re-imports unchanged. Rows are
/// matched by 编号 (the task's number in the system); a row without one is a new task. The columns after 状态 (the
/// status shown, colour, reason, latest note, source) are for reading and are ignored on import. Import rules are
/// those of every import (<see cref="ImportSteps"/>): preview, all rows or none, or keep the valid ones; every problem
/// names its row and column. Units are named as in the unit table (name or code).
/// </summary>
public static class KeyTaskWorkbook
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("id", "编号", CellKind.Text, false, "任务编号", "ID"),
        new("section", "章节", CellKind.Text, false, "所属章节"),
        new("text", "重点任务", CellKind.Text, true, "任务内容", "工作任务", "任务"),
        new("metric", "指标", CellKind.Text, false, "指标名称"),
        new("quantity", "目标值", CellKind.Text, false, "目标", "数量"),
        new("unit", "计量单位", CellKind.Text, false, "单位"),
        new("lead", "牵头单位", CellKind.Text, true, "牵头部门", "责任单位(牵头)"),
        new("co", "配合单位", CellKind.Text, false, "协同单位", "配合部门"),
        new("responsible", "责任单位", CellKind.Text, false, "责任部门"),
        new("deadline", "完成时限", CellKind.Date, false, "完成时间", "时限", "截止日期"),
        new("status", "状态", CellKind.Text, false, "推进状态", "进展状态"),
    ];

    private static readonly char[] UnitSeparators = ['、', ',', ',', ';', ';', '/', '\n'];

    public static string SheetName(int year) => $"{year}年重点任务";

    public static byte[] Export(int year, IReadOnlyList<KeyTaskDto> tasks)
    {
        var rows = tasks.Select(t => new Dictionary<string, object?>
        {
            ["编号"] = t.Id,
            ["章节"] = t.Section,
            ["重点任务"] = t.Text,
            ["指标"] = t.Metric,
            ["目标值"] = t.Quantity,
            ["计量单位"] = t.Unit,
            ["牵头单位"] = t.LeadUnit,
            ["配合单位"] = string.Join("、", t.CoUnits.Select(c => c.Name)),
            ["责任单位"] = t.ResponsibleUnits,
            ["完成时限"] = t.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["状态"] = t.RecordedStatus,
            ["当前判定"] = t.Status,
            ["赋色"] = ColourText(t.Colour),
            ["判定说明"] = t.Reason,
            ["最新进展月份"] = t.LatestNote is { } n ? $"{n.Month / 100}年{n.Month % 100}月" : null,
            ["最新进展"] = t.LatestNote?.Text,
            ["来源文档"] = t.SourceDocument,
        }).ToList();
        if (rows.Count == 0)
        {
            // MiniExcel needs a row to know the columns; a year without key tasks still gets its header.
            rows.Add(new[] { "编号", "章节", "重点任务", "指标", "目标值", "计量单位", "牵头单位", "配合单位", "责任单位", "完成时限", "状态", "当前判定", "赋色", "判定说明", "最新进展月份", "最新进展", "来源文档" }
                .ToDictionary(h => h, _ => (object?)null));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: SheetName(year));
        return WorkbookPasses.Run(stream.ToArray(), ExcelFills.Apply, ExcelLayout.Apply);
    }

    private static string ColourText(string colour) => colour switch
    {
        "blue" => "蓝",
        "green" => "绿",
        "yellow" => "黄",
        "red" => "红",
        _ => "灰",
    };

    private sealed record Row(SheetRow Source, int? Id, string Section, string Text, string Metric, decimal? Quantity, string? Unit, int LeadId,
        IReadOnlyList<int> CoIds, string? Responsible, DateOnly? Deadline, KeyTaskStatus? Status);

    public static async Task<ImportResult> ImportAsync(AppDbContext db, Stream xlsx, ImportOptions options, int year, TimeProvider clock, CancellationToken ct = default)
    {
        using var sheet = SheetReader.Read(xlsx, Columns);
        if (sheet.Problems.Count > 0)
        {
            return new ImportResult(false, new ImportSummary(0, 0, 0, 0, 0, sheet.Skipped), sheet.Problems.ToList(), null);
        }

        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            byName.TryAdd(u.Name, u.Id);
            byName.TryAdd(u.Code, u.Id);
        }

        var existingIds = await db.KeyTasks.AsNoTracking().Where(k => k.Year == year).Select(k => k.Id).ToListAsync(ct);
        var known = existingIds.ToHashSet();
        var rowProblems = new Dictionary<int, List<ExcelProblem>>();
        var rowsById = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var parsed = new List<Row>();
        foreach (var source in sheet.ReadRows())
        {
            var mine = new List<ExcelProblem>();
            var x = sheet.Row(source, mine);
            var row = Parse(x, year, byName, known);
            if (row?.Id is { } id)
            {
                ImportSteps.NoteCode(rowsById, id.ToString(CultureInfo.InvariantCulture), source.Number);
            }

            if (mine.Count > 0)
            {
                rowProblems[source.Number] = mine;
            }
            else if (row is not null)
            {
                parsed.Add(row);
            }
        }

        // One 编号 twice is two versions of one task: only the sender knows which is right.
        var idColumn = sheet.Column("id");
        foreach (var (id, same) in rowsById.Where(kv => kv.Value.Count > 1))
        {
            foreach (var r in same)
            {
                var others = string.Join("、", same.Where(o => o != r).Select(o => o.ToString(CultureInfo.InvariantCulture)));
                if (!rowProblems.TryGetValue(r, out var list))
                {
                    rowProblems[r] = list = [];
                }

                list.Add(new ExcelProblem(sheet.Sheet, r, idColumn?.Header, idColumn?.Letter, $"编号“{id}”与第{others}行重复"));
            }
        }

        var problems = ImportSteps.InRowOrder(rowProblems);
        var valid = parsed.Where(r => !rowProblems.ContainsKey(r.Source.Number)).ToList();
        var apply = options.Mode == ImportMode.Commit && (problems.Count == 0 || options.KeepValid);

        var ids = valid.Select(r => r.Id).OfType<int>().ToList();
        var tracked = await db.KeyTasks.Include(k => k.CoUnits).Where(k => EF.Parameter(ids).Contains(k.Id)).ToDictionaryAsync(k => k.Id, ct);
        var order = await db.KeyTasks.Where(k => k.Year == year).Select(k => (int?)k.SortOrder).MaxAsync(ct) ?? 0;
        var today = KeyTaskQueries.Today(clock);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var r in valid)
        {
            if (r.Id is not { } id)
            {
                created++;
                if (apply)
                {
                    var task = new KeyTask { Year = year, Text = r.Text, Metric = r.Metric, AddedOn = today, SortOrder = ++order };
                    Apply(sheet, task, r);
                    db.KeyTasks.Add(task);
                }

                continue;
            }

            var existing = tracked[id];
            Apply(sheet, existing, r);
            db.ChangeTracker.DetectChanges();
            var changed = db.Entry(existing).State == EntityState.Modified
                || db.ChangeTracker.Entries<KeyTaskCoUnit>().Any(e => e.Entity.KeyTaskId == id && e.State is EntityState.Added or EntityState.Deleted);
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

    // The sheet is the record for the columns it has; an absent column leaves the field alone.
    private static void Apply(SheetReader sheet, KeyTask task, Row r)
    {
        task.Text = r.Text;
        task.LeadUnitId = r.LeadId;
        if (sheet.Has("section"))
        {
            task.Section = r.Section;
        }

        if (sheet.Has("metric"))
        {
            task.Metric = r.Metric;
        }

        if (sheet.Has("quantity"))
        {
            task.Quantity = r.Quantity;
        }

        if (sheet.Has("unit"))
        {
            task.Unit = r.Unit;
        }

        if (sheet.Has("responsible"))
        {
            task.ResponsibleUnits = r.Responsible;
        }

        if (sheet.Has("deadline"))
        {
            task.Deadline = r.Deadline;
        }

        if (r.Status is { } s)
        {
            task.Status = s;
        }

        if (sheet.Has("co"))
        {
            task.CoUnits.RemoveAll(c => !r.CoIds.Contains(c.UnitId));
            foreach (var u in r.CoIds.Where(u => !task.CoUnits.Any(c => c.UnitId == u)))
            {
                task.CoUnits.Add(new KeyTaskCoUnit { UnitId = u });
            }
        }
    }

    private static Row? Parse(RowReader x, int year, IReadOnlyDictionary<string, int> units, IReadOnlySet<int> known)
    {
        int? id = null;
        if (x.Text("id") is { } idText)
        {
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                x.Fail("id", $"编号应为系统导出的数字,收到“{idText}”;新增任务请留空");
            }
            else if (!known.Contains(n))
            {
                x.Fail("id", $"{year}年重点任务清单中没有编号{n};新增任务请留空编号");
            }
            else
            {
                id = n;
            }
        }

        var text = x.Text("text", KeyTaskCommands.TextMax);
        if (text is null)
        {
            x.Fail("text", "重点任务不能为空");
        }

        decimal? quantity = null;
        if (x.Text("quantity") is { } q)
        {
            var parse = AmountText.ParseNumber(q);
            if (parse.Ok)
            {
                quantity = parse.Value;
            }
            else
            {
                x.Fail("quantity", $"目标值{parse.Message}");
            }
        }

        int? lead = null;
        if (x.Text("lead") is { } leadText)
        {
            if (units.TryGetValue(leadText, out var l))
            {
                lead = l;
            }
            else
            {
                x.Fail("lead", $"单位表中没有“{leadText}”,请填写单位全称或代码");
            }
        }
        else
        {
            x.Fail("lead", "牵头单位不能为空");
        }

        var co = new List<int>();
        if (x.Text("co") is { } coText)
        {
            foreach (var name in coText.Split(UnitSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!units.TryGetValue(name, out var u))
                {
                    x.Fail("co", $"单位表中没有“{name}”,请填写单位全称或代码,多个单位用“、”分隔");
                }
                else if (u == lead)
                {
                    x.Fail("co", $"“{name}”已是牵头单位,不必再列为配合单位");
                }
                else if (!co.Contains(u))
                {
                    co.Add(u);
                }
            }
        }

        DateOnly? deadline = null;
        if (x.Date("deadline", out var d) && d is { } dd)
        {
            if (dd.Year < year || dd.Year > year + 5)
            {
                x.Fail("deadline", $"完成时限{dd:yyyy-MM-dd}应在{year}年至{year + 5}年之间");
            }
            else
            {
                deadline = dd;
            }
        }

        KeyTaskStatus? status = null;
        if (x.Text("status") is { } st)
        {
            if (KeyTaskRules.TryParseStatus(st, out var s))
            {
                status = s;
            }
            else
            {
                x.Fail("status", $"未知状态“{st}”,应为未启动、推进中、已完成或滞后");
            }
        }

        var section = x.Text("section", 100) ?? "";
        var metric = x.Text("metric", 200) ?? "";
        var unit = x.Text("unit", 32);
        var responsible = x.Text("responsible", 500);
        return text is not null && lead is { } leadId
            ? new Row(x.Source, id, section, text, metric, quantity, unit, leadId, co, responsible, deadline, status)
            : null;
    }
}
