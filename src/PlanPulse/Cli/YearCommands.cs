using System.CommandLine;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Features.Years;

namespace PlanPulse.Cli;

/// <summary><c>planpulse year open YEAR [--preview]</c>: carries the plan year before into <c>YEAR</c>.</summary>
public static class YearCommands
{
    public static Command Build()
    {
        var year = new Command("year", "计划年度");
        var target = new Argument<int>("year") { Description = "要开启的年份,如 2024(从上一年结转)" };
        var preview = new Option<bool>("--preview") { Description = "只显示将要结转的内容,不保存" };
        var open = new Command("open", "开启新年度:复制专项和清单,结转未完成项目及其开工累计,开启该年指标计划;上一年度不变") { target, preview };
        open.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            RolloverResult result;
            try
            {
                result = await YearRollover.OpenAsync(db, r.GetValue(target), r.GetValue(preview), ct);
            }
            catch (ValidationFailedException ex)
            {
                await Console.Error.WriteLineAsync(string.Join(";", ex.Errors.SelectMany(e => e.Value)));
                return 1;
            }

            Console.WriteLine($"{(result.Saved ? "已开启" : "预览(未保存)")} {result.Year}年:复制专项 {result.TracksCopied} 个、清单 {result.ListsCopied} 个;"
                + $"结转项目 {result.ProjectsCarried} 个(已完成或撤销未结转 {result.ProjectsLeftBehind} 个),新建年度计划 {result.PlansCreated} 个,开工累计合计 {result.CompletedBeforeYear:0.##} 万元;"
                + $"{(result.IndicatorPlanCreated ? "已开启" : "已有")}该年指标计划{(result.RuleSetCopied ? ";沿用上一年度赋色规则(不含豁免)" : "")}");
            return 0;
        });
        year.Subcommands.Add(open);
        return year;
    }
}
