using System.Diagnostics;
using System.Globalization;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Briefing;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Periods;

namespace PlanPulse.Bench;

/// <summary>
/// Issue 6's goal "a briefing for 1,000 projects in under a second": the generated portfolio (default 1,000
/// projects, 36 months) on SQLite; the briefing's model, its Word file (charts included) and its Excel file, each
/// timed, against the portfolio summary (one evaluation of the month) in the same process as the baseline.
///
///   dotnet run -c Release --project bench/PlanPulse.Bench -- briefing [--projects N] [--runs N]
/// </summary>
internal static class BriefingBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var projects = 1000;
        var runs = 5;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--projects": projects = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var o = BenchOptions.Parse(["--projects", projects.ToString(CultureInfo.InvariantCulture), "--sqlite-only"]);
        var store = await Stores.SqliteAsync(o, new BenchData(o.Projects, o.Months, o.Seed), Console.Error);
        var month = new YearMonth(2023, 6);

        async Task<T> WithDb<T>(Func<AppDbContext, Task<T>> f)
        {
            await using var db = store.Create();
            db.ApplyScope(DataScope.Everything);
            return await f(db);
        }

        var summary = await Median(runs, () => WithDb(async db => (await PortfolioSummary.GetAsync(db, month, null)).Projects));
        var model = await Median(runs, () => WithDb(async db => (await MonthlyBriefing.BuildAsync(db, month)).Red.Count));
        var built = await WithDb(db => MonthlyBriefing.BuildAsync(db, month));
        var docx = await Median(runs, () => Task.FromResult(MonthlyBriefing.ToDocx(built).Length));
        var xlsx = await Median(runs, () => Task.FromResult(MonthlyBriefing.ToXlsx(built).Length));
        var whole = model + docx;

        Console.WriteLine($"Monthly briefing, {built.Summary.Projects:N0} projects (SQLite, {month}), median of {runs} runs, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| step | ms | ÷ summary |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| portfolio summary (baseline: one evaluation) | {summary:F0} | ×1.0 |");
        Console.WriteLine($"| briefing model (this and last month evaluated, trend, problems) | {model:F0} | ×{model / summary:F1} |");
        Console.WriteLine($"| Word file (2 charts, {built.Red.Count} red projects) | {docx:F0} | ×{docx / summary:F1} |");
        Console.WriteLine($"| Excel file | {xlsx:F0} | ×{xlsx / summary:F1} |");
        Console.WriteLine($"| **model + Word** | **{whole:F0}** | ×{whole / summary:F1} |");
        return 0;
    }

    private static async Task<double> Median(int runs, Func<Task<int>> op)
    {
        await op(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await op();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }
}
