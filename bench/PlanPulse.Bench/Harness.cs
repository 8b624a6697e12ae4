using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Bench;

/// <summary>Wall time, CPU time (this process, plus the PostgreSQL server's processes when it runs on this machine),
/// GC pause time and bytes allocated by one call.</summary>
internal sealed record Sample(double Ms, double CpuMs, double GcMs, double Mb);

internal sealed class Series(string name)
{
    public string Name { get; } = name;

    public List<Sample> Samples { get; } = [];

    public double MedianMs => Median(Samples.Select(s => s.Ms));

    public double MedianMb => Median(Samples.Select(s => s.Mb));

    public double MedianCpuMs => Median(Samples.Select(s => s.CpuMs));

    public double MedianGcMs => Median(Samples.Select(s => s.GcMs));

    public double MinMs => Samples.Min(s => s.Ms);

    public double MaxMs => Samples.Max(s => s.Ms);

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }
}

/// <summary>One line of the results table: the app's operation and the plain-SQL baseline it is compared with.</summary>
internal sealed record ResultRow(string Db, YearMonth Month, string Operation, Series App, Series Sql, string Check);

internal sealed record ProfileStep(string Step, double Ms, string Rows, string Note);

internal sealed record Profile(string Db, YearMonth Month, IReadOnlyList<ProfileStep> Steps, IReadOnlyList<(string Title, string Plan)> Plans);

/// <summary>Runs the operations round-robin (app, baseline, app, baseline…) so drift hits both alike; median of N after warm-up.</summary>
internal static class Harness
{
    private const string SummaryOp = "summary";
    private const string RankingsOp = "rankings";

    public static async Task<IReadOnlyList<ResultRow>> MeasureAsync(BenchDatabase db, YearMonth month, BenchOptions o, TextWriter log)
    {
        var ops = new (Series Series, Func<Task> Run)[]
        {
            (new Series("PortfolioSummary.GetAsync"), async () =>
            {
                await using var c = db.Create();
                await PortfolioSummary.GetAsync(c, month, null);
            }),
            (new Series("summary SQL"), async () =>
            {
                await using var c = db.Create();
                await Baseline.SummaryAsync(c, month);
            }),
            (new Series("Rankings.GetAsync (3 types, month and previous month)"), async () =>
            {
                await using var c = db.Create();
                await Rankings.GetAsync(c, month, null, null);
            }),
            (new Series("SQL: departments, the month"), async () =>
            {
                await using var c = db.Create();
                await Baseline.RankingAsync(c, month);
            }),
            (new Series("SQL: 3 unit types, month and previous month"), async () =>
            {
                await using var c = db.Create();
                await Baseline.RankingFullAsync(c, month);
            }),
        };

        for (var w = 0; w < o.Warmup; w++)
        {
            foreach (var (_, run) in ops)
            {
                await run();
            }
        }

        var server = !db.IsSqlite;
        for (var r = 0; r < o.Runs; r++)
        {
            for (var attempt = 0; ; attempt++)
            {
                var quiet = await Contention.WaitQuietAsync(server, o.QuietCores, o.QuietWaitSeconds);
                var a = Contention.Now(server);
                var round = new List<Sample>();
                foreach (var (_, run) in ops)
                {
                    round.Add(await OnceAsync(run, server));
                }

                var others = Contention.Others(a, Contention.Now(server));
                var text = $"  {db.Label} {month} run {r + 1}/{o.Runs}: {string.Join(", ", round.Select(x => $"{x.Ms:F0}"))} ms; other processes {others:F2} cores (before: {quiet:F2})";
                if (others > o.RetryAboveCores && attempt < o.MaxRetries)
                {
                    log.WriteLine(text + " — too busy, round repeated");
                    continue;
                }

                log.WriteLine(text);
                Contention.Keep(others, attempt > 0);
                for (var i = 0; i < ops.Length; i++)
                {
                    ops[i].Series.Samples.Add(round[i]);
                }

                break;
            }
        }

        var (summaryCheck, rankCheck, fullCheck) = await CheckAsync(db, month);
        return
        [
            new ResultRow(db.Label, month, SummaryOp, ops[0].Series, ops[1].Series, summaryCheck),
            new ResultRow(db.Label, month, RankingsOp, ops[2].Series, ops[3].Series, rankCheck),
            new ResultRow(db.Label, month, RankingsOp, ops[2].Series, ops[4].Series, fullCheck),
        ];
    }

    /// <summary>Time and allocation of one call; a full collection first so each run starts from the same heap.</summary>
    public static async Task<Sample> OnceAsync(Func<Task> run, bool withServer = false)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var server0 = withServer ? CpuClock.ServerMs() : 0;
        var cpu0 = Environment.CpuUsage.TotalTime;
        var gc0 = GC.GetTotalPauseDuration();
        var a0 = GC.GetTotalAllocatedBytes(true);
        var t0 = Stopwatch.GetTimestamp();
        await run();
        var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        var a1 = GC.GetTotalAllocatedBytes(true);
        var gc = (GC.GetTotalPauseDuration() - gc0).TotalMilliseconds;
        var cpu = (Environment.CpuUsage.TotalTime - cpu0).TotalMilliseconds;
        var server = withServer ? CpuClock.ServerMs() - server0 : 0;
        // With server GC the precise total has been seen to go backwards once in a while: such a delta is not a number.
        return new Sample(ms, cpu + server, gc, a1 >= a0 ? (a1 - a0) / 1048576.0 : double.NaN);
    }

    /// <summary>The baseline must compute the same numbers as the app, or the ratio means nothing.</summary>
    private static async Task<(string Summary, string Ranking, string Full)> CheckAsync(BenchDatabase db, YearMonth month)
    {
        await using var c = db.Create();
        var app = await PortfolioSummary.GetAsync(c, month, null);
        var sql = await Baseline.SummaryAsync(c, month);
        var summaryErrors = new List<string>();
        var appTracks = app.Tracks.ToDictionary(t => t.Name);
        foreach (var s in sql)
        {
            if (!appTracks.TryGetValue(s.Track, out var a))
            {
                summaryErrors.Add($"track {s.Track} missing in app");
            }
            else if (a.Projects != s.Projects || a.TotalInvestment != s.TotalInvestment || a.AnnualPlan != s.AnnualPlan || a.Completed != s.Completed)
            {
                summaryErrors.Add($"{s.Track}: app {a.Projects}/{a.TotalInvestment}/{a.AnnualPlan}/{a.Completed} sql {s.Projects}/{s.TotalInvestment}/{s.AnnualPlan}/{s.Completed}");
            }
        }

        if (sql.Count != app.Tracks.Count || app.Projects != sql.Sum(s => s.Projects) || app.Completed != sql.Sum(s => s.Completed))
        {
            summaryErrors.Add($"totals: app {app.Projects} projects, {app.Completed} completed; sql {sql.Sum(s => s.Projects)}, {sql.Sum(s => s.Completed)}");
        }

        // League table: departments' project counts and completion rates as the app shows them.
        var rankings = await Rankings.GetAsync(c, month, UnitType.Department, null);
        var rows = rankings.Tables[0].Rows.ToDictionary(r => r.UnitCode);
        var rankErrors = new List<string>();
        foreach (var u in await Baseline.RankingAsync(c, month))
        {
            if (!rows.TryGetValue(u.UnitCode, out var r) || r.Projects != u.Projects || r.CompletionRate != u.CompletionRate)
            {
                rankErrors.Add($"{u.UnitCode}: app {r?.Projects}/{r?.CompletionRate} sql {u.Projects}/{u.CompletionRate}");
            }
        }

        // Full: every ranked type's plan and completed, the month and the previous month, against the app's own facts.
        var fullErrors = new List<string>();
        if (month.Month > 1)
        {
            var now = await PortfolioEvaluator.EvaluateAsync(c, month);
            var before = await PortfolioEvaluator.EvaluateAsync(c, month.AddMonths(-1));
            var facts = Rankings.RankedTypes.SelectMany(t => Rankings.Facts(now, t)).ToDictionary(f => f.UnitCode);
            var prevFacts = Rankings.RankedTypes.SelectMany(t => Rankings.Facts(before, t)).ToDictionary(f => f.UnitCode);
            var full = await Baseline.RankingFullAsync(c, month);
            foreach (var u in full)
            {
                if (!facts.TryGetValue(u.UnitCode, out var f) || !prevFacts.TryGetValue(u.UnitCode, out var p)
                    || f.Projects != u.Projects || f.AnnualPlan != u.AnnualPlan || f.Completed != u.Completed || p.Completed != u.PreviousCompleted)
                {
                    fullErrors.Add($"{u.UnitCode} differs");
                }
            }

            if (full.Count != facts.Count)
            {
                fullErrors.Add($"app ranks {facts.Count} units, sql {full.Count}");
            }
        }
        else
        {
            fullErrors.Add("January: previous month is in another year, not covered by the baseline");
        }

        return (Verdict(summaryErrors), Verdict(rankErrors), Verdict(fullErrors));
    }

    private static string Verdict(List<string> errors) => errors.Count == 0 ? "same numbers" : "MISMATCH: " + string.Join("; ", errors.Take(3));

    /// <summary>
    /// Where the time goes in one evaluation: every query EF runs (execute + materialise), the rest of
    /// <see cref="PortfolioEvaluator.EvaluateAsync"/> (in-memory), and the steps after it. Of 3 runs after a warm-up, the
    /// one with the median evaluation time.
    /// </summary>
    public static async Task<Profile> ProfileAsync(BenchDatabase db, YearMonth month, TextWriter log)
    {
        var reps = new List<List<ProfileStep>>();
        IReadOnlyList<QueryTiming> lastQueries = [];
        for (var rep = 0; rep < 4; rep++)
        {
            var timer = new QueryTimer();
            await using var c = db.Create(timer);
            GC.Collect();
            var t0 = Stopwatch.GetTimestamp();
            var snapshot = await PortfolioEvaluator.EvaluateAsync(c, month);
            var evalMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            var queries = timer.Timings.ToList();
            static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

            // Re-runs of parts of the evaluation, alone, to split the query and in-memory times further.
            var reports = queries.First(q => q.Label == "MonthlyReports");
            var raw = await OnceAsync(() => ReadAllAsync(db, reports, month));
            var plain = await OnceAsync(() => ReadAllAsync(db, reports with { Sql = PlainReportsSql, Parameters = [] }, month));
            var curves = await CurveParseAsync(c, month.Year);
            var colour = await OnceAsync(() =>
            {
                foreach (var p in snapshot.Projects)
                {
                    ProjectColouring.Evaluate(Facts(p), month, snapshot.Rules);
                }

                return Task.CompletedTask;
            });

            var steps = new List<ProfileStep>();
            foreach (var q in queries)
            {
                steps.Add(new ProfileStep($"query {q.Label}", q.TotalMs, N(q.Rows), $"execute {q.ExecuteMs:F0} ms, then read + materialise {q.TotalMs - q.ExecuteMs:F0} ms"));
                if (q == reports)
                {
                    steps.Add(new ProfileStep("  same SQL and parameters through plain ADO.NET (database + driver only)", raw.Ms, "", $"{raw.Mb:F0} MB allocated"));
                    steps.Add(new ProfileStep("  same rows, hand-written SQL without the data-scope query filter (ADO.NET)", plain.Ms, "", $"{plain.Mb:F0} MB allocated"));
                }
                else if (q.Label == "Projects")
                {
                    steps.Add(new ProfileStep("  of which ≈ MonthlyCumulative text → decimal[] (the value converter, re-run alone)", curves.Ms, "", $"{curves.Mb:F0} MB allocated"));
                }
            }

            steps.Add(new ProfileStep("EvaluateAsync outside the queries (dictionaries over the rows, colouring, records)", evalMs - queries.Sum(q => q.TotalMs), "", ""));
            steps.Add(new ProfileStep("  of which ≈ ProjectColouring.Evaluate × projects (re-run alone)", colour.Ms, "", $"{colour.Mb:F0} MB allocated"));
            steps.Add(new ProfileStep("= PortfolioEvaluator.EvaluateAsync", evalMs, N(snapshot.Projects.Count), ""));

            var from = await OnceAsync(() =>
            {
                PortfolioSummary.From(snapshot, false);
                return Task.CompletedTask;
            });
            steps.Add(new ProfileStep("PortfolioSummary.From (rollups of the snapshot)", from.Ms, "", $"{from.Mb:F1} MB allocated"));

            PortfolioSnapshot? before = month.Month > 1 ? await PortfolioEvaluator.EvaluateAsync(c, month.AddMonths(-1)) : null;
            var table = await OnceAsync(() =>
            {
                foreach (var t in Rankings.RankedTypes)
                {
                    Rankings.Table(snapshot, before, t);
                }

                return Task.CompletedTask;
            });
            steps.Add(new ProfileStep("Rankings.Table × 3 types (both snapshots given)", table.Ms, "", $"{table.Mb:F1} MB allocated"));

            List<ReportFacts> aggregated = [];
            var agg = await OnceAsync(async () =>
            {
                await using var c2 = db.Create();
                aggregated = await Experiments.AggregatedReportsAsync(c2, month);
            });
            steps.Add(new ProfileStep("experiment: the reports step as one EF query grouped per project (Sum, conditional count, Max)", agg.Ms, N(aggregated.Count), $"{agg.Mb:F0} MB allocated; {Experiments.Compare(aggregated, snapshot)}"));
            if (rep > 0)
            {
                reps.Add(steps); // rep 0 is the warm-up
            }

            lastQueries = queries;
        }

        // One whole run, the median by total evaluation time, so every row and note comes from the same run.
        var median = reps.OrderBy(r => r.First(x => x.Step.StartsWith('=')).Ms).ElementAt(reps.Count / 2);
        var plans = new List<(string, string)>();
        if (lastQueries.FirstOrDefault(q => q.Label == "MonthlyReports") is { } reportsQuery)
        {
            plans.Add(($"app: the evaluator's reports query ({reportsQuery.Rows:N0} rows)", await PlanAsync(db, reportsQuery.Sql, reportsQuery.Parameters, month)));
        }

        if (Environment.GetEnvironmentVariable("PLANPULSE_BENCH_SQL") is not null)
        {
            foreach (var q in lastQueries)
            {
                log.WriteLine($"-- {q.Label}\n{q.Sql}\n");
            }
        }

        await using (var c = db.Create())
        {
            plans.Add(("baseline: summary SQL", await PlanAsync(db, Baseline.SummarySql(c), null, month)));
        }

        var experimentTimer = new QueryTimer();
        await using (var c = db.Create(experimentTimer))
        {
            await Experiments.AggregatedReportsAsync(c, month);
        }

        if (experimentTimer.Timings.LastOrDefault() is { } grouped)
        {
            plans.Add(("experiment: reports grouped per project by EF", $"{grouped.Sql}\n\n{await PlanAsync(db, grouped.Sql, grouped.Parameters, month)}"));
        }
        log.WriteLine($"  profiled {db.Label} {month}");
        return new Profile(db.Label, month, median, plans);
    }

    /// <summary>Facts rebuilt from an evaluated project (Registered is not kept in the snapshot; taken as the start month).</summary>
    private static ProjectFacts Facts(EvaluatedProject p) => new()
    {
        AnnualPlan = p.AnnualPlan,
        CompletedThisYear = p.Completed,
        PlannedStart = p.PlannedStart,
        ActualStart = p.ActualStart,
        Registered = p.ActualStart,
        ReportInByDeadline = p.Colour != Colour.Grey,
    };

    /// <summary>What the app's value converter does for every annual plan it reads: split and parse 12 decimals.</summary>
    private static async Task<Sample> CurveParseAsync(App.Data.AppDbContext c, int year)
    {
        var texts = new List<string>();
        var conn = c.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open)
        {
            await conn.OpenAsync();
        }

        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"SELECT \"MonthlyCumulative\" FROM \"AnnualPlans\" WHERE \"Year\" = {year} AND \"MonthlyCumulative\" IS NOT NULL";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                texts.Add(r.GetString(0));
            }
        }

        return await OnceAsync(() =>
        {
            foreach (var s in texts)
            {
                _ = s.Split(';', StringSplitOptions.None).Select(x => decimal.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The evaluator's reports query as it reads without a global query filter.</summary>
    private const string PlainReportsSql = """
        SELECT "m"."ProjectId", "m"."Month", "m"."Amount", "m"."SubmittedAt"
        FROM "MonthlyReports" AS "m"
        WHERE "m"."ProjectId" IN (
            SELECT "p0"."ProjectId" FROM "ProjectListEntries" AS "p0"
            WHERE "p0"."ProjectListId" = (SELECT "l"."Id" FROM "ProjectLists" AS "l" WHERE "l"."Year" = @year AND "l"."Code" = @list))
          AND "m"."Month" >= @first AND "m"."Month" <= @month AND "m"."SubmittedAt" IS NOT NULL AND "m"."SubmittedAt" < @cutoff
          AND "m"."Status" IN (2, 3)
        """;

    /// <summary>Runs a query with the given parameters (or, when none, the baseline's) and reads every value (GetValues), nothing else.</summary>
    private static async Task ReadAllAsync(BenchDatabase db, QueryTiming q, YearMonth month)
    {
        await using var c = db.Create();
        await using var cmd = await Baseline.CommandAsync(c, q.Sql, month);
        if (q.Parameters.Count > 0)
        {
            cmd.Parameters.Clear();
        }

        foreach (var (name, value) in q.Parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        await using var r = await cmd.ExecuteReaderAsync();
        var values = new object[r.FieldCount];
        while (await r.ReadAsync())
        {
            r.GetValues(values);
        }
    }

    /// <summary>EXPLAIN QUERY PLAN on SQLite; EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.</summary>
    private static async Task<string> PlanAsync(BenchDatabase db, string sql, IReadOnlyList<(string Name, object? Value)>? parameters, YearMonth month)
    {
        await using var c = db.Create();
        await using var cmd = await Baseline.CommandAsync(c, sql, month);
        if (parameters is not null)
        {
            cmd.Parameters.Clear();
            foreach (var (name, value) in parameters)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                p.Value = value ?? DBNull.Value;
                cmd.Parameters.Add(p);
            }
        }

        cmd.CommandText = (db.IsSqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + sql;
        var sb = new StringBuilder();
        await using var r = await cmd.ExecuteReaderAsync();
        var depth = new Dictionary<long, int>();
        while (await r.ReadAsync())
        {
            if (db.IsSqlite)
            {
                // id, parent, notused, detail: indent by depth in the tree, as the sqlite3 shell does.
                var d = depth.TryGetValue(r.GetInt64(1), out var pd) ? pd + 1 : 0;
                depth[r.GetInt64(0)] = d;
                sb.Append(' ', 2 * d).AppendLine(r.GetString(3));
            }
            else
            {
                sb.AppendLine(r.GetString(0));
            }
        }

        return sb.ToString().TrimEnd();
    }
}
