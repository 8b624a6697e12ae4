using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Excel;

/// <summary>
/// Blank sheets to fill in: the import's headers, a 填表说明 sheet, and drop-downs (Excel data validation lists) for
/// the columns whose values must match the system — tracks, lists, phases, towns, units, commands, people. The lists
/// live on a hidden 选项 sheet because an inline list is limited to 255 characters, which a district's units exceed.
/// </summary>
public static class ExcelTemplates
{
    public const string InstructionsSheet = "填表说明";
    public const string OptionsSheet = "选项";

    /// <summary>Rows that get a drop-down; far more than any unit's sheet.</summary>
    private const int ValidatedRows = 5000;

    public static async Task<byte[]> ProjectsAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Type).ThenBy(u => u.SortOrder).ThenBy(u => u.Code).Select(u => new { u.Name, u.Type }).ToListAsync(ct);
        var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["track"] = await db.Tracks.AsNoTracking().Where(t => t.Year == year).OrderBy(t => t.SortOrder).Select(t => t.Name).ToListAsync(ct),
            ["lists"] = await db.ProjectLists.AsNoTracking().Where(l => l.Year == year).OrderBy(l => l.SortOrder).Select(l => l.Name).ToListAsync(ct),
            ["phase"] = Enum.GetValues<Phase>().Select(Names.Of).ToList(),
            ["town"] = units.Where(u => u.Type == UnitType.Town).Select(u => u.Name).ToList(),
            ["owner"] = units.Select(u => u.Name).ToList(),
            ["unit"] = units.Where(u => u.Type is UnitType.Department or UnitType.Town).Select(u => u.Name).ToList(),
            ["command"] = units.Where(u => u.Type == UnitType.Command).Select(u => u.Name).ToList(),
            ["lead"] = await db.People.AsNoTracking().Where(p => p.Role == PersonRole.LeadOfficial).OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(ct),
            ["commissioner"] = await db.People.AsNoTracking().Where(p => p.Role == PersonRole.ServiceCommissioner).OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(ct),
        };
        string[] notes =
        [
            $"本表用于导入{year}年项目库。第一张工作表“{ProjectImport.SheetName}”每行一个项目,表头不要修改(列的顺序可以调整,表头上方可以加标题行)。",
            "带 * 的列必填:项目代码*、项目名称*、责任单位*、总投资*。按项目代码更新:代码已存在的项目按本表修改,不存在的新建。",
            "表中有的列按本表为准(单元格留空即清空该项),表中没有的列保持系统中原值不变。",
            "金额单位为万元;表头写“总投资(亿元)”时按亿元读取。请填确数:“约3亿”“3-5亿”等无法导入。可以用千分位(1,234.5)。",
            "日期写作 2023-03-01 或 2023年3月。项目阶段:储备、前期、新开工、续建、竣工、投产。",
            "所属清单可填多个,用顿号分隔,如“年度重大建设项目、市级重大项目”。",
            "单位、专项、清单、责任领导、服务专员须与系统中名称一致(可从下拉框选择);系统中没有的请先联系计划科建立。",
            "“合计”“小计”行和空行会被跳过。上传后先预览,全部无误才保存;也可选择只保存无误的行,有误的行会连同“原因”列返回。",
        ];
        return Build(ProjectImport.SheetName, ProjectImport.Columns, [], options, notes);
    }

    /// <summary>A unit's monthly report sheet for a month, listing the projects the user may report (their scope).</summary>
    public static async Task<byte[]> ReportsAsync(AppDbContext db, YearMonth month, int? unitId, CancellationToken ct = default)
    {
        var projects = await db.AnnualPlans.AsNoTracking()
            .Where(a => a.Year == month.Year && (unitId == null || a.Project!.ResponsibleUnitId == unitId))
            .OrderBy(a => a.Project!.Code)
            .Select(a => new { a.Project!.Code, a.Project.Name }).ToListAsync(ct);
        var rows = projects.Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["项目代码"] = p.Code,
            ["项目名称"] = p.Name,
        }).ToList();
        string[] notes =
        [
            $"本表用于填报{month.ToChinese()}各项目完成投资。项目代码与项目名称已预填,请勿修改代码。",
            "本月完成投资单位为万元,填当月完成数(不是累计数);本月没有完成投资请填 0。",
            "本月完成投资为负数(核减以前月份)时须填写核减说明。",
            "本月达到节点填本月新达到的节点,多个用顿号分隔:开工、入库纳统、主体完工、竣工、投产。",
            $"上传时选择月份{month.Id};已锁定或已审核的月份不能导入修改。上传后先预览,全部无误才保存。",
        ];
        return Build(ReportImport.SheetName, ReportImport.UnitColumns, rows, new Dictionary<string, IReadOnlyList<string>>(), notes);
    }

    /// <summary>
    /// The year's plan sheet: one row per project of the year (on one of its lists, or with a plan already), code and
    /// name pre-filled as in the report template, the figures to fill in; due months pick from the year's months.
    /// </summary>
    public static async Task<byte[]> PlansAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.Lists.Any(e => e.ProjectList!.Year == year) || db.AnnualPlans.Any(a => a.ProjectId == p.Id && a.Year == year))
            .OrderBy(p => p.Code).Select(p => new { p.Code, p.Name }).ToListAsync(ct);
        var rows = projects.Select(p => ExcelExport.PlanRow(p.Code, p.Name, null)).ToList();
        IReadOnlyList<string> months = Enumerable.Range(1, 12).Select(m => $"{year}-{m:00}").ToList();
        var options = PlanImport.MilestoneColumns.ToDictionary(c => c.Spec.Key, _ => months, StringComparer.Ordinal);
        string[] notes =
        [
            $"本表用于导入{year}年各项目的年度计划。第一张工作表“{PlanImport.SheetName}”每行一个项目,项目代码与项目名称已预填,请勿修改代码;按项目代码和年份更新,再次导入同一文件不会产生变化。",
            "带 * 的列必填:项目代码*、年度计划投资*。项目须已在项目库中(没有的请先导入项目库)。表中没有的列保持系统中原值不变。",
            "金额单位为万元;表头写“(亿元)”时按亿元读取。请填确数,不能为负数。开工累计完成为本年1月1日以前已完成的投资。",
            "1月至12月计划累计完成是本年内截至各月末的计划累计数(不含以前年度),应逐月不减,12月须等于年度计划投资;尚无计划投资的月份填 0。12个月全部留空表示按序时进度(月份÷12)计算。",
            $"计划开工、入库纳统、主体完工、竣工、投产月份从下拉框选择(如 {year}-03),须在{year}年内;留空表示本年没有该节点。",
            "“合计”“小计”行和空行会被跳过。上传后先预览,全部无误才保存;也可选择只保存无误的行,有误的行会连同“原因”列返回。锁定月份不影响年度计划的导入。",
        ];
        return Build(PlanImport.SheetName, PlanImport.Columns, rows, options, notes);
    }

    private static byte[] Build(string sheetName, IReadOnlyList<ColumnSpec> columns, IReadOnlyList<Dictionary<string, object?>> rows, IReadOnlyDictionary<string, IReadOnlyList<string>> options, IReadOnlyList<string> notes)
    {
        var header = columns.Select(Header).ToList();
        var data = rows.Count > 0
            ? rows.Select(r => header.Zip(columns).ToDictionary(h => h.First, h => r.GetValueOrDefault(h.Second.Label), StringComparer.Ordinal)).ToList()
            : [header.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal)];
        var sheets = new Dictionary<string, object>
        {
            [sheetName] = data,
            [InstructionsSheet] = notes.Select((n, i) => new Dictionary<string, object?> { ["序号"] = i + 1, ["说明"] = n }).ToList(),
        };
        var optionKeys = columns.Where(c => options.ContainsKey(c.Key) && options[c.Key].Count > 0).ToList();
        if (optionKeys.Count > 0)
        {
            var longest = optionKeys.Max(c => options[c.Key].Count);
            sheets[OptionsSheet] = Enumerable.Range(0, longest).Select(i => optionKeys.ToDictionary(c => c.Label, c => i < options[c.Key].Count ? (object?)options[c.Key][i] : null, StringComparer.Ordinal)).ToList();
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        if (rows.Count == 0)
        {
            // The placeholder row MiniExcel needed to learn the columns is removed so the template starts empty.
            RemoveSecondRow(stream, sheetName);
        }

        if (optionKeys.Count > 0)
        {
            AddDropDowns(stream, sheetName, columns, optionKeys.Select(c => (c, options[c.Key].Count)).ToList());
        }

        return ExcelLayout.Apply(stream.ToArray());
    }

    /// <summary>Required columns are marked 项目代码* / 总投资*(万元); the reader ignores the star.</summary>
    private static string Header(ColumnSpec c)
    {
        if (!c.Required)
        {
            return c.Label;
        }

        var open = c.Label.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? c.Label + "*" : c.Label.Insert(open, "*");
    }

    private static void RemoveSecondRow(MemoryStream stream, string sheetName)
    {
        using var doc = SpreadsheetDocument.Open(stream, isEditable: true);
        var part = Part(doc, sheetName);
        foreach (var row in part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Where(r => r.RowIndex?.Value > 1).ToList())
        {
            row.Remove();
        }

        part.Worksheet.Save();
    }

    private static void AddDropDowns(MemoryStream stream, string sheetName, IReadOnlyList<ColumnSpec> columns, IReadOnlyList<(ColumnSpec Spec, int Count)> lists)
    {
        using var doc = SpreadsheetDocument.Open(stream, isEditable: true);
        var part = Part(doc, sheetName);
        var validations = new DataValidations();
        for (var i = 0; i < lists.Count; i++)
        {
            var (spec, count) = lists[i];
            var target = Letter(columns.ToList().FindIndex(c => c.Key == spec.Key));
            var source = Letter(i);
            validations.Append(new DataValidation
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowErrorMessage = spec.Key != "lists", // 所属清单 may hold several names separated by 、
                ErrorTitle = "请从下拉列表选择",
                Error = $"{spec.Label}须与系统中的名称一致",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{target}2:{target}{ValidatedRows}" },
                Formula1 = new Formula1($"'{OptionsSheet}'!${source}$2:${source}${count + 1}"),
            });
        }

        validations.Count = (uint)validations.ChildElements.Count;
        var ws = part.Worksheet;
        OpenXmlElement anchor = (OpenXmlElement?)ws.GetFirstChild<ConditionalFormatting>() ?? (OpenXmlElement?)ws.GetFirstChild<MergeCells>() ?? (OpenXmlElement?)ws.GetFirstChild<AutoFilter>() ?? ws.GetFirstChild<SheetData>()!;
        ws.InsertAfter(validations, anchor);
        ws.Save();

        var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == OptionsSheet);
        sheet.State = SheetStateValues.Hidden;
        doc.WorkbookPart.Workbook.Save();
    }

    private static WorksheetPart Part(SpreadsheetDocument doc, string sheetName)
    {
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == sheetName);
        return (WorksheetPart)wb.GetPartById(sheet.Id!);
    }

    internal static string Letter(int index)
    {
        var s = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            s = (char)('A' + ((n - 1) % 26)) + s;
        }

        return s;
    }
}
