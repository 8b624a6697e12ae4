using System.CommandLine;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.Organisation;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Projects;
using PlanPulse.Api;

namespace PlanPulse.Cli;

/// <summary>
/// <c>planpulse import projects|plans|reports FILE.xlsx [--keep-valid] [--preview]</c> and <c>planpulse export projects|plans FILE.xlsx</c>.
/// Exit codes: 0 everything imported; 1 problems, nothing saved (every problem printed); 2 bad arguments;
/// 3 keep-valid saved the valid rows and wrote the rejected ones next to the input as FILE-未导入.xlsx.
/// </summary>
public static class ExcelCommands
{
    public static void AddTo(RootCommand root)
    {
        foreach (var command in Build())
        {
            root.Subcommands.Add(command);
        }
    }

    private static IEnumerable<Command> Build()
    {
        var import = new Command("import", "从 Excel 导入:项目库(projects)、年度计划(plans)、月报(reports)、指标数据(indicators)。先检查全部行,有问题时不保存");
        var keepValid = new Option<bool>("--keep-valid") { Description = "只保存无误的行,有误的行写入 文件名-未导入.xlsx(含“原因”列)" };
        var preview = new Option<bool>("--preview") { Description = "只检查不保存" };

        var projectsFile = new Argument<FileInfo>("file") { Description = ".xlsx 文件" };
        var year = new Option<int?>("--year") { Description = "项目库所属年份(专项、清单按该年匹配),默认最新年份" };
        var projects = new Command("projects", "导入项目库,按项目代码新增或更新") { projectsFile, keepValid, preview, year };
        projects.SetAction((r, ct) => ImportFileAsync(r.GetValue(projectsFile)!, r.GetValue(preview), async (db, stream) =>
            await ProjectImport.RunAsync(db, stream, Options(r.GetValue(preview), r.GetValue(keepValid)), await ExcelApi.YearAsync(db, r.GetValue(year), TimeProvider.System, ct), ct), ct));
        import.Subcommands.Add(projects);

        var plansFile = new Argument<FileInfo>("file") { Description = ".xlsx 文件" };
        var planYear = new Option<int?>("--year") { Description = "计划年份,默认最新年份" };
        var plans = new Command("plans", "导入年度计划(年度计划投资、月度计划累计、计划节点月份),按项目代码和年份更新") { plansFile, keepValid, preview, planYear };
        plans.SetAction((r, ct) => ImportFileAsync(r.GetValue(plansFile)!, r.GetValue(preview), async (db, stream) =>
            await PlanImport.RunAsync(db, stream, Options(r.GetValue(preview), r.GetValue(keepValid)), await ExcelApi.YearAsync(db, r.GetValue(planYear), TimeProvider.System, ct), ct), ct));
        import.Subcommands.Add(plans);

        var orgFile = new Argument<FileInfo>("file") { Description = ".xlsx 文件(单位、人员、专项、清单各一张表)" };
        var orgYear = new Option<int?>("--year") { Description = "专项、清单所属年份,默认最新年份" };
        var organisation = new Command("organisation", "导入组织机构:单位、人员、专项、清单,按代码新增或更新(不删除,停用请填“停用”)") { orgFile, orgYear, keepValid, preview };
        organisation.SetAction((r, ct) => ImportFileAsync(r.GetValue(orgFile)!, r.GetValue(preview), async (db, stream) =>
            await OrganisationImport.RunAsync(db, stream, Options(r.GetValue(preview), r.GetValue(keepValid)), await ExcelApi.YearAsync(db, r.GetValue(orgYear), TimeProvider.System, ct), ct), ct));
        import.Subcommands.Add(organisation);

        var reportsFile = new Argument<FileInfo>("file") { Description = ".xlsx 文件" };
        var month = new Option<string>("--month") { Description = "填报月份,如 2023-06", Required = true };
        var unit = new Option<string?>("--unit") { Description = "单位代码:只允许该单位负责的项目" };
        var asSubmitted = new Option<bool>("--as-submitted") { Description = "导入历史月报:保留表中的状态、报送人、报送时间、审核信息和节点时间(计划科迁移历史数据用)" };
        var reports = new Command("reports", "导入某月各项目月报(按月报填报规则检查)") { reportsFile, month, unit, keepValid, preview, asSubmitted };
        reports.SetAction(async (r, ct) =>
        {
            var file = r.GetValue(reportsFile)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"文件不存在:{file.FullName}");
                return 2;
            }

            await using var db = await CommandLine.OpenAsync(ct);
            var (unitId, unitError) = await ExcelApi.UnitAsync(db, r.GetValue(unit), ct);
            if (unitError is not null)
            {
                await Console.Error.WriteLineAsync(unitError);
                return 2;
            }

            await using var stream = file.OpenRead();
            var result = await ReportImport.RunAsync(db, stream, Options(r.GetValue(preview), r.GetValue(keepValid)), r.GetValue(month), unitId, db.AuditUser, TimeProvider.System, ct, r.GetValue(asSubmitted));
            return await ReportAsync(result, file, r.GetValue(preview));
        });
        import.Subcommands.Add(reports);
        var indicatorsFile = new Argument<FileInfo>("file") { Description = "指标数据 .xlsx(统计局格式:每行一个指标)" };
        var indicators = new Command("indicators", "导入指标数据(与 indicators import 相同),任何一行有错都不导入") { indicatorsFile };
        indicators.SetAction((r, ct) => IndicatorCommands.ImportAsync(r.GetValue(indicatorsFile)!, ct));
        import.Subcommands.Add(indicators);
        yield return import;

        var export = new Command("export", "导出 Excel:组织机构(organisation)、项目库(projects)、年度计划(plans)、月报(reports)、赛马排名(rankings)");
        var outFile = new Argument<FileInfo>("file") { Description = "输出 .xlsx 文件" };
        var exYear = new Option<int?>("--year") { Description = "年份" };
        var exMonth = new Option<int?>("--month") { Description = "月份 1–12" };
        var list = new Option<string?>("--list") { Description = "项目清单代码,默认 annual-major" };
        var exportProjects = new Command("projects", "导出项目库:默认为该年全部项目(可再导入);指定 --list 或 --month 时导出该清单当月赋色") { outFile, exYear, exMonth, list };
        exportProjects.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            if (r.GetValue(list) is null && r.GetValue(exMonth) is null)
            {
                var libraryYear = await ExcelApi.YearAsync(db, r.GetValue(exYear), TimeProvider.System, ct);
                var target = r.GetValue(outFile)!;
                await File.WriteAllBytesAsync(target.FullName, await ExcelExport.LibraryAsync(db, libraryYear, ct), ct);
                Console.WriteLine($"已导出 {target.FullName}({libraryYear}年项目库)");
                return 0;
            }

            var (m, error) = await Periods.ResolveAsync(db, r.GetValue(exYear), r.GetValue(exMonth), ct);
            if (m is not { } ym)
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            var file = r.GetValue(outFile)!;
            await File.WriteAllBytesAsync(file.FullName, await ExcelExport.ProjectsAsync(db, ym, new ProjectFilter { List = r.GetValue(list) }, ct), ct);
            Console.WriteLine($"已导出 {file.FullName}({ym.ToChinese()})");
            return 0;
        });
        export.Subcommands.Add(exportProjects);

        var plansOut = new Argument<FileInfo>("file") { Description = "输出 .xlsx 文件" };
        var exportPlans = new Command("plans", "导出某年全部年度计划(可改后再导入)") { plansOut, exYear };
        exportPlans.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            var y = await ExcelApi.YearAsync(db, r.GetValue(exYear), TimeProvider.System, ct);
            var file = r.GetValue(plansOut)!;
            await File.WriteAllBytesAsync(file.FullName, await ExcelExport.PlansAsync(db, y, ct), ct);
            Console.WriteLine($"已导出 {file.FullName}({y}年年度计划)");
            return 0;
        });
        export.Subcommands.Add(exportPlans);

        var orgOut = new Argument<FileInfo>("file") { Description = "输出 .xlsx 文件" };
        var exportOrganisation = new Command("organisation", "导出组织机构(单位、人员、该年专项和清单),可改后再导入") { orgOut, exYear };
        exportOrganisation.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            var y = await ExcelApi.YearAsync(db, r.GetValue(exYear), TimeProvider.System, ct);
            var file = r.GetValue(orgOut)!;
            await File.WriteAllBytesAsync(file.FullName, await OrganisationWorkbook.ExportAsync(db, y, ct), ct);
            Console.WriteLine($"已导出 {file.FullName}({y}年组织机构)");
            return 0;
        });
        export.Subcommands.Add(exportOrganisation);

        var reportsOut = new Argument<FileInfo>("file") { Description = "输出 .xlsx 文件" };
        var reportsMonth = new Option<string>("--month") { Description = "月份,如 2023-06", Required = true };
        var exportReports = new Command("reports", "导出某月全部月报(含状态、报送时间、审核信息和本月达到的节点),可用 import reports --as-submitted 导入") { reportsOut, reportsMonth };
        exportReports.SetAction(async (r, ct) =>
        {
            if (!Domain.Periods.YearMonth.TryParse(r.GetValue(reportsMonth), out var ym))
            {
                await Console.Error.WriteLineAsync($"月份格式应为 yyyy-MM,收到“{r.GetValue(reportsMonth)}”");
                return 2;
            }

            await using var db = await CommandLine.OpenAsync(ct);
            var file = r.GetValue(reportsOut)!;
            await File.WriteAllBytesAsync(file.FullName, await ExcelExport.ReportHistoryAsync(db, ym, ct), ct);
            Console.WriteLine($"已导出 {file.FullName}({ym.ToChinese()}月报)");
            return 0;
        });
        export.Subcommands.Add(exportReports);

        var rankingsFile = new Argument<FileInfo>("file") { Description = "输出 .xlsx 文件" };
        var exportRankings = new Command("rankings", "导出赛马排名(每类单位一张表)") { rankingsFile, exYear, exMonth, list };
        exportRankings.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            var (m, error) = await Periods.ResolveAsync(db, r.GetValue(exYear), r.GetValue(exMonth), ct);
            if (m is not { } ym)
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            var file = r.GetValue(rankingsFile)!;
            await File.WriteAllBytesAsync(file.FullName, await ExcelExport.RankingsAsync(db, ym, null, r.GetValue(list), ct), ct);
            Console.WriteLine($"已导出 {file.FullName}({ym.ToChinese()})");
            return 0;
        });
        export.Subcommands.Add(exportRankings);
        yield return export;
    }

    /// <summary>Checks the file is there, opens the database and the file, runs the import and prints what it found.</summary>
    private static async Task<int> ImportFileAsync(FileInfo file, bool preview, Func<AppDbContext, Stream, Task<ImportResult>> run, CancellationToken ct)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"文件不存在:{file.FullName}");
            return 2;
        }

        await using var db = await CommandLine.OpenAsync(ct);
        await using var stream = file.OpenRead();
        return await ReportAsync(await run(db, stream), file, preview);
    }

    private static ImportOptions Options(bool preview, bool keepValid) => new(preview ? ImportMode.Preview : ImportMode.Commit, keepValid);

    private static async Task<int> ReportAsync(ImportResult result, FileInfo input, bool preview)
    {
        foreach (var p in result.Problems)
        {
            await Console.Error.WriteLineAsync(p.ToString());
        }

        var s = result.Summary;
        var verb = result.Saved ? "已导入" : preview ? "预览(未保存)" : "未保存";
        Console.WriteLine($"{verb}:共 {s.Rows} 行,新增 {s.Created},修改 {s.Updated},无变化 {s.Unchanged},有误 {s.Rejected},跳过空行/合计行 {s.Skipped}");
        if (result.RejectedWorkbook is { } rejected)
        {
            var path = Path.Combine(input.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(input.Name) + "-未导入.xlsx");
            await File.WriteAllBytesAsync(path, rejected);
            Console.WriteLine($"有误的 {s.Rejected} 行已写入 {path}");
            return 3;
        }

        return result.Problems.Count > 0 ? 1 : 0;
    }
}
