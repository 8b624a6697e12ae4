using System.CommandLine;
using PlanPulse.App.Features.Briefing;
using PlanPulse.App.Features.Portfolio;

namespace PlanPulse.Cli;

/// <summary><c>planpulse report briefing|annual</c>: the documents the plan office files, written to a file.</summary>
public static class ReportCommands
{
    public static Command Build()
    {
        var report = new Command("report", "生成公文:月度通报(briefing)、年度计划执行情况报告初稿(annual)");

        var year = new Option<int?>("--year") { Description = "年份" };
        var month = new Option<int?>("--month") { Description = "月份 1–12" };
        var list = new Option<string?>("--list") { Description = "项目清单代码,默认 annual-major" };
        var output = new Option<FileInfo>("--out") { Description = "输出文件:.docx 或 .xlsx", Required = true };
        var briefing = new Command("briefing", "月度重大项目推进情况通报(.docx 按 GB/T 9704 版式,或 .xlsx)") { year, month, list, output };
        briefing.SetAction(async (r, ct) =>
        {
            var file = r.GetValue(output)!;
            var ext = file.Extension.ToLowerInvariant();
            if (ext is not ".docx" and not ".xlsx")
            {
                await Console.Error.WriteLineAsync($"输出文件须为 .docx 或 .xlsx:{file.Name}");
                return 2;
            }

            await using var db = await CommandLine.OpenAsync(ct);
            var (m, error) = await Periods.ResolveAsync(db, r.GetValue(year), r.GetValue(month), ct);
            if (m is not { } ym)
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            var model = await MonthlyBriefing.BuildAsync(db, ym, r.GetValue(list), ct);
            var bytes = ext == ".docx" ? MonthlyBriefing.ToDocx(model) : MonthlyBriefing.ToXlsx(model);
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            Console.WriteLine($"已生成 {file.FullName}({ym.ToChinese()},{model.Summary.Projects} 个项目,红色 {model.Red.Count} 个)");
            return 0;
        });
        report.Subcommands.Add(briefing);

        var annualYear = new Option<int>("--year") { Description = "执行情况的年份(下一年为计划草案)", Required = true };
        var annualOut = new Option<FileInfo>("--out") { Description = "输出 .docx 文件", Required = true };
        var annual = new Command("annual", "年度国民经济和社会发展计划执行情况与下年计划草案的报告(初稿,.docx)") { annualYear, annualOut };
        annual.SetAction(async (r, ct) =>
        {
            var file = r.GetValue(annualOut)!;
            if (!file.Extension.Equals(".docx", StringComparison.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync($"输出文件须为 .docx:{file.Name}");
                return 2;
            }

            await using var db = await CommandLine.OpenAsync(ct);
            var model = await AnnualDraft.BuildAsync(db, r.GetValue(annualYear), ct);
            var figures = model.Actuals.Sum(a => a.Facts.Count);
            if (figures == 0)
            {
                await Console.Error.WriteLineAsync($"{model.Year}年没有全年指标数据,无法生成报告初稿");
                return 2;
            }

            await File.WriteAllBytesAsync(file.FullName, AnnualDraft.ToDocx(model), ct);
            Console.WriteLine($"已生成 {file.FullName}({model.Year}年 {figures} 项实际数,{model.Targets.Count} 项{model.Year + 1}年目标)");
            return 0;
        });
        report.Subcommands.Add(annual);
        return report;
    }
}
