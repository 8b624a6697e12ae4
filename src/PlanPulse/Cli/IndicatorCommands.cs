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
        return command;
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
