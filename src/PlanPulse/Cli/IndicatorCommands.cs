using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PlanPulse.App.Features.Indicators;

namespace PlanPulse.Cli;

/// <summary><c>planpulse indicators</c>: the month's indicator table, and <c>indicators five-year</c>.</summary>
public static class IndicatorCommands
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static Command Build()
    {
        var year = new Option<int?>("--year") { Description = "年份,默认最近的年度计划" };
        var month = new Option<int?>("--month") { Description = "月份 1–12,默认该年最近有数据的月份" };
        var json = new Option<bool>("--json") { Description = "输出 JSON(与 /api/indicators 相同)" };
        var region = new Option<string?>("--region") { Description = "分区代码(街镇或下辖区县),默认本级" };
        var command = new Command("indicators", "计划指标监测:目标、实际、赋色及原因") { year, month, region, json };
        command.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            var (m, error) = await IndicatorQueries.ResolveAsync(db, r.GetValue(year), r.GetValue(month), ct);
            if (m is not { } ym)
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            var result = await IndicatorQueries.GetAsync(db, ym, r.GetValue(region)?.Trim() ?? "", ct);
            if (r.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, CommandLine.Json));
                return 0;
            }

            Console.WriteLine($"== {result.Year}年{result.Month}月 计划指标({result.Rows.Count} 项)==");
            foreach (var row in result.Rows)
            {
                var target = row.Target is { } t ? $"{t.ToString("0.####", Zh)}{row.Unit}{row.Qualifier}" : row.TargetGrowth is { } g ? $"增长{g.ToString("0.##", Zh)}%{row.Qualifier}" : "—";
                var actual = row.Actual is { } a ? $"{a.ToString("0.####", Zh)}{row.Unit}" : "";
                actual += row.Growth is { } ga ? $" ({ga.ToString("+0.##;-0.##;0", Zh)}%)" : "";
                Console.WriteLine($"{ColourName(row.Colour),-2} {row.Code} {row.Name}  目标 {target}  实际 {(actual.Length == 0 ? "—" : actual)}  {row.Reason}");
            }

            return 0;
        });

        var plan = new Option<string?>("--plan") { Description = "五年规划代码,默认最近的一个" };
        var fiveYear = new Command("five-year", "五年规划中期评估视图:基期、目标、已实现与仍需的年均增速") { plan, json };
        fiveYear.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            var result = await FiveYearQueries.GetAsync(db, r.GetValue(plan), ct);
            if (result is null)
            {
                await Console.Error.WriteLineAsync("未找到五年规划");
                return 2;
            }

            if (r.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, CommandLine.Json));
                return 0;
            }

            Console.WriteLine($"== {result.PlanName}({result.StartYear}–{result.EndYear}){(result.Demo ? " 演示" : "")} ==");
            foreach (var row in result.Rows)
            {
                Console.WriteLine($"[{row.Verdict}] {row.Name}: {row.Explanation}");
            }

            return 0;
        });
        command.Subcommands.Add(fiveYear);

        var tYear = new Option<int>("--year") { Description = "年份", Required = true };
        var tMonth = new Option<int>("--month") { Description = "月份 1–12", Required = true };
        var tOut = new Option<FileInfo>("--out") { Description = "输出 .xlsx 文件", Required = true };
        var template = new Command("template", "下载指标数据填报模板(统计局常用格式:每行一个指标,本期累计值与同比增长)") { tYear, tMonth, tOut };
        template.SetAction(async (r, ct) =>
        {
            if (r.GetValue(tMonth) is < 1 or > 12)
            {
                await Console.Error.WriteLineAsync($"月份应在1–12之间,收到{r.GetValue(tMonth)}");
                return 2;
            }

            await using var db = await CommandLine.OpenAsync(ct);
            var file = r.GetValue(tOut)!;
            await File.WriteAllBytesAsync(file.FullName, await IndicatorWorkbook.TemplateAsync(db, new Domain.Periods.YearMonth(r.GetValue(tYear), r.GetValue(tMonth)), ct), ct);
            Console.WriteLine($"已生成 {file.FullName}");
            return 0;
        });
        command.Subcommands.Add(template);

        var file = new Argument<FileInfo>("FILE") { Description = "指标数据 .xlsx" };
        var import = new Command("import", "导入指标数据表:任何一行有错,整张表都不导入") { file };
        import.SetAction((r, ct) => ImportAsync(r.GetValue(file)!, ct));
        command.Subcommands.Add(import);
        return command;
    }

    /// <summary>Imports an indicator sheet; shared by <c>indicators import</c> and <c>import indicators</c>.</summary>
    public static async Task<int> ImportAsync(FileInfo path, CancellationToken ct)
    {
        if (!path.Exists)
        {
            await Console.Error.WriteLineAsync($"文件不存在:{path.FullName}");
            return 2;
        }

        await using var db = await CommandLine.OpenAsync(ct);
        await using var stream = path.OpenRead();
        try
        {
            var result = await IndicatorWorkbook.ImportAsync(db, stream, TimeProvider.System, ct);
            Console.WriteLine($"已导入 {result.Saved} 个指标数据,{result.Skipped} 行未填写而跳过");
            return 0;
        }
        catch (App.Features.Reports.ValidationFailedException e)
        {
            foreach (var message in e.Errors.SelectMany(x => x.Value))
            {
                await Console.Error.WriteLineAsync(message);
            }

            await Console.Error.WriteLineAsync("未导入任何数据");
            return 1;
        }
    }

    private static string ColourName(string? colour) => colour switch
    {
        "blue" => "蓝",
        "green" => "绿",
        "yellow" => "黄",
        "red" => "红",
        "grey" => "灰",
        _ => "—",
    };
}
