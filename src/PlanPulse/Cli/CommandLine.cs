using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.Configuration;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Cli;

/// <summary>Batch commands. Thin: parse arguments, call the App feature, print.</summary>
public static class CommandLine
{
    /// <summary>The same JSON shape as the API, with Chinese left readable.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("PlanPulse 发展计划运行系统 — planpulse serve 启动网站;其余为批处理命令");
        root.Subcommands.Add(new Command("serve", "启动网站(ASPNETCORE_URLS 指定地址)"));

        var force = new Option<bool>("--force") { Description = "覆盖数据库中已有的非演示数据" };
        var demo = new Command("demo", "载入2023年演示数据(与长寿区2023年计划草案的汇总数一致)") { force };
        demo.SetAction(async (r, ct) =>
        {
            await using var db = await OpenAsync(ct);
            var result = await DemoData.LoadAsync(db, r.GetValue(force), ct);
            Console.WriteLine($"已载入演示数据:{result.Projects} 个项目,{result.Reports} 份月报,{result.Problems} 个问题");
            return 0;
        });
        root.Subcommands.Add(demo);

        var migrate = new Command("migrate", "创建或升级数据库结构");
        migrate.SetAction(async (_, ct) =>
        {
            await using var db = await OpenAsync(ct);
            Console.WriteLine($"数据库已是最新结构({db.Database.ProviderName})");
            return 0;
        });
        root.Subcommands.Add(migrate);

        var year = new Option<int?>("--year") { Description = "年份" };
        var month = new Option<int?>("--month") { Description = "月份 1–12" };
        var list = new Option<string?>("--list") { Description = "项目清单代码,默认 annual-major(年度重大建设项目)" };
        var json = new Option<bool>("--json") { Description = "输出 JSON(与 /api/portfolio/summary 相同)" };
        var summary = new Command("summary", "某月项目总体情况") { year, month, list, json };
        summary.SetAction(async (r, ct) =>
        {
            await using var db = await OpenAsync(ct);
            var (m, error) = await Periods.ResolveAsync(db, r.GetValue(year), r.GetValue(month), ct);
            if (m is not { } ym)
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            var s = await PortfolioSummary.GetAsync(db, ym, r.GetValue(list), ct);
            if (r.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(s, Json));
                return 0;
            }

            PrintSummary(s);
            return 0;
        });
        root.Subcommands.Add(summary);

        var unitType = new Option<string?>("--unit-type") { Description = "department / town / command,默认全部" };
        var rankings = new Command("rankings", "赛马排名") { year, month, list, unitType, json };
        rankings.SetAction(async (r, ct) =>
        {
            await using var db = await OpenAsync(ct);
            var (m, error) = await Periods.ResolveAsync(db, r.GetValue(year), r.GetValue(month), ct);
            if (m is not { } ym)
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            UnitType? type = null;
            if (r.GetValue(unitType) is { } ut)
            {
                if (!Enum.TryParse<UnitType>(ut, true, out var t) || !Rankings.RankedTypes.Contains(t))
                {
                    await Console.Error.WriteLineAsync($"未知单位类型:{ut}(department/town/command)");
                    return 2;
                }

                type = t;
            }

            var result = await Rankings.GetAsync(db, ym, type, r.GetValue(list), ct);
            if (r.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, Json));
                return 0;
            }

            foreach (var table in result.Tables)
            {
                Console.WriteLine($"== {ym.ToChinese()} {table.Name}赛马 ==");
                foreach (var row in table.Rows)
                {
                    var change = row.RankChange switch { null => "", > 0 => $"↑{row.RankChange}", < 0 => $"↓{-row.RankChange}", _ => "—" };
                    var flag = row.RedList ? " [红榜]" : row.BlackList ? " [黑榜]" : "";
                    Console.WriteLine($"{row.Rank,3} {row.UnitName,-16} {row.Score,7:0.00} {change,-4}{flag}");
                }
            }

            return 0;
        });
        root.Subcommands.Add(rankings);

        root.Subcommands.Add(UserCommands.Build());
        root.Subcommands.Add(IndicatorCommands.Build());
        root.Subcommands.Add(ReportCommands.Build());
        root.Subcommands.Add(ExtractCommand.Build());
        ExcelCommands.AddTo(root);
        root.Subcommands.Add(YearCommands.Build());

        var parse = root.Parse(args);
        try
        {
            return await parse.InvokeAsync();
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (ValidationFailedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    /// <summary>Opens the configured database (PLANPULSE_DATA / ConnectionStrings__Postgres) and migrates it.</summary>
    public static async Task<AppDbContext> OpenAsync(CancellationToken ct)
    {
        var config = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var db = Database.Create(DatabaseOptions.From(config));
        db.AuditUser = $"cli:{Environment.UserName}";
        db.AuditClient = "cli";
        await Database.MigrateAsync(db, ct);
        return db;
    }

    private static void PrintSummary(PortfolioSummaryDto s)
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        Console.WriteLine($"{s.Year}年{s.Month}月 {s.ListName}{(s.DemoData ? "(演示数据)" : "")}");
        Console.WriteLine($"项目 {s.Projects} 个,总投资 {AmountDisplay.Yi(s.TotalInvestment)} 亿元,年度计划 {AmountDisplay.Yi(s.AnnualPlan)} 亿元,已完成 {AmountDisplay.Yi(s.Completed)} 亿元");
        Console.WriteLine($"完成率 {s.CompletionRate?.ToString("P1", zh) ?? "—"},序时进度 {s.TimeProgress.ToString("P1", zh)}");
        Console.WriteLine($"赋色:蓝 {s.Colours.Blue} 绿 {s.Colours.Green} 黄 {s.Colours.Yellow} 红 {s.Colours.Red} 灰 {s.Colours.Grey}");
        foreach (var t in s.Tracks)
        {
            Console.WriteLine($"  {t.Name}: {t.Projects} 个,总投资 {AmountDisplay.Yi(t.TotalInvestment)} 亿元,年度计划 {AmountDisplay.Yi(t.AnnualPlan)} 亿元,完成率 {t.CompletionRate?.ToString("P1", zh) ?? "—"}");
        }
    }
}
