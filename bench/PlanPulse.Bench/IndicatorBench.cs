using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Indicators;
using PlanPulse.Domain.Periods;

namespace PlanPulse.Bench;

/// <summary>
/// Issue 4's indicator benchmark: 500 indicators × 100 areas × 60 months (3 million figures). The app's evaluation of
/// every area for a month (<see cref="IndicatorQueries.RegionSummaryAsync"/>) and of one area
/// (<see cref="IndicatorQueries.GetAsync(AppDbContext, YearMonth, string, CancellationToken)"/>) against a plain SQL read of
/// the same rows in the same process: the ratio is what EF, the domain evaluation and the DTOs cost on top of the
/// database work that cannot be avoided.
///
///   dotnet run -c Release --project bench/PlanPulse.Bench -- indicators [--indicators N] [--regions N] [--runs N] [--sqlite-only]
/// </summary>
internal static class IndicatorBench
{
    private const int FirstYear = 2019;
    private const int Months = 60; // 2019-01 .. 2023-12

    public static async Task<int> RunAsync(string[] args)
    {
        int indicators = 500, regions = 100, runs = 3;
        var sqliteOnly = false;
        string? outFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--indicators": indicators = Next(); break;
                case "--regions": regions = Next(); break;
                case "--runs": runs = Next(); break;
                case "--sqlite-only": sqliteOnly = true; break;
                case "--out": outFile = Path.GetFullPath(args[++i]); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var log = Console.Error;
        var rows = new List<string>();
        var dir = Path.Combine(Path.GetTempPath(), "planpulse-bench");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"indicators-i{indicators}-r{regions}-m{Months}.db");
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }

        var stores = new List<(string Label, DatabaseOptions Options)>
        {
            ("SQLite", new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}", dir)),
        };
        var pg = Environment.GetEnvironmentVariable("PLANPULSE_TEST_POSTGRES");
        if (!sqliteOnly && !string.IsNullOrWhiteSpace(pg))
        {
            var admin = new NpgsqlConnectionStringBuilder(pg) { Pooling = false };
            await using (var c = new NpgsqlConnection(admin.ConnectionString))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand("DROP DATABASE IF EXISTS planpulse_bench_ind WITH (FORCE); ", c);
                await cmd.ExecuteNonQueryAsync();
                cmd.CommandText = "CREATE DATABASE planpulse_bench_ind";
                await cmd.ExecuteNonQueryAsync();
            }

            stores.Add(("PostgreSQL", new DatabaseOptions(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(pg) { Database = "planpulse_bench_ind" }.ConnectionString, dir)));
        }
        else if (!sqliteOnly)
        {
            rows.Add("| PostgreSQL | not measured: PLANPULSE_TEST_POSTGRES not set | | | | |");
        }

        var months = new[] { new YearMonth(2023, 6), new YearMonth(2023, 12) };
        foreach (var (label, options) in stores)
        {
            var sw = Stopwatch.StartNew();
            await using (var db = Database.Create(options))
            {
                await Database.MigrateAsync(db);
            }

            await LoadAsync(options, indicators, regions, log);
            log.WriteLine($"{label}: {indicators} indicators × {regions} areas × {Months} months loaded in {sw.Elapsed.TotalSeconds:F0} s");

            foreach (var month in months)
            {
                var app = await MedianAsync(runs, async () =>
                {
                    await using var db = Database.Create(options);
                    db.ApplyScope(DataScope.Everything);
                    var r = await IndicatorQueries.RegionSummaryAsync(db, month);
                    return r.Sum(x => x.Green + x.Yellow + x.Red + x.Grey);
                });
                var sql = await MedianAsync(runs, () => PlainReadAsync(options, month, region: null));
                if (app.Check != indicators * regions || sql.Check != ((long)indicators * regions * (12 + month.Month)) + (indicators * regions))
                {
                    log.WriteLine($"MISMATCH: app evaluated {app.Check}, SQL read {sql.Check} rows");
                    return 1;
                }

                rows.Add($"| {label} | every area, {month} ({indicators * regions:N0} evaluations, {sql.Check:N0} rows) | {app.Ms:F0} | {sql.Ms:F0} | ×{app.Ms / sql.Ms:F1} | {app.AllocMb:F0} MB |");

                var one = await MedianAsync(runs, async () =>
                {
                    await using var db = Database.Create(options);
                    db.ApplyScope(DataScope.Everything);
                    return (await IndicatorQueries.GetAsync(db, month, "R001")).Rows.Count;
                });
                var oneSql = await MedianAsync(runs, () => PlainReadAsync(options, month, region: "R001"));
                rows.Add($"| {label} | one area, {month} ({one.Check} indicators) | {one.Ms:F1} | {oneSql.Ms:F1} | ×{one.Ms / oneSql.Ms:F1} | {one.AllocMb:F1} MB |");
            }
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Indicators: {indicators} × {regions} areas × {Months} months ({(long)indicators * regions * Months:N0} figures), median of {runs} runs, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        sb.AppendLine();
        sb.AppendLine("| database | operation | app ms | plain SQL ms | app / SQL | app allocated |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|");
        rows.ForEach(r => sb.AppendLine(r));
        Console.WriteLine(sb);
        if (outFile is not null)
        {
            await File.WriteAllTextAsync(outFile, sb.ToString());
        }

        return 0;
    }

    private sealed record Measured(double Ms, long Check, double AllocMb);

    private static async Task<Measured> MedianAsync(int runs, Func<Task<long>> op)
    {
        var check = await op(); // warm-up: JIT, EF model, connection pool
        var times = new List<(double Ms, double Mb)>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            check = await op();
            times.Add((sw.Elapsed.TotalMilliseconds, (GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0));
        }

        var median = times.OrderBy(t => t.Ms).ElementAt(times.Count / 2);
        return new Measured(median.Ms, check, median.Mb);
    }

    /// <summary>The floor: the same targets and figures read with a data reader, every column touched, nothing built.</summary>
    private static async Task<long> PlainReadAsync(DatabaseOptions options, YearMonth month, string? region)
    {
        await using var conn = options.Provider == DatabaseProvider.Sqlite ? (DbConnection)new SqliteConnection(options.ConnectionString) : new NpgsqlConnection(options.ConnectionString);
        await conn.OpenAsync();
        var where = region is null ? "\"Region\" <> ''" : "\"Region\" = @region";
        long rows = 0;
        decimal sink = 0;
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"SELECT \"IndicatorId\", \"Region\", \"EndMonth\", \"Period\", \"Value\", \"GrowthPct\", \"Final\" FROM \"IndicatorObservations\" WHERE {where} AND \"EndMonth\" >= @from AND \"EndMonth\" <= @to";
            Param(cmd, "from", ((month.Year - 1) * 100) + 1);
            Param(cmd, "to", month.Id);
            if (region is not null)
            {
                Param(cmd, "region", region);
            }

            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                rows++;
                sink += r.GetInt32(0) + r.GetString(1).Length + r.GetInt32(2) + r.GetString(3).Length + (r.IsDBNull(4) ? 0 : r.GetDecimal(4)) + (r.IsDBNull(5) ? 0 : r.GetDecimal(5)) + (r.GetBoolean(6) ? 1 : 0);
            }
        }

        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"SELECT \"IndicatorId\", \"Region\", \"Value\", \"GrowthPct\", \"Qualifier\" FROM \"IndicatorTargets\" WHERE {where} AND \"Year\" = @year";
            Param(cmd, "year", month.Year);
            if (region is not null)
            {
                Param(cmd, "region", region);
            }

            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                rows++;
                sink += r.GetInt32(0) + r.GetString(1).Length + (r.IsDBNull(2) ? 0 : r.GetDecimal(2)) + (r.IsDBNull(3) ? 0 : r.GetDecimal(3)) + r.GetInt32(4);
            }
        }

        GC.KeepAlive(sink);
        return rows;
    }

    private static void Param(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    /// <summary>Indicators of every kind; per area a 2023 target and 60 months of cumulative figures drawn around it.</summary>
    private static async Task LoadAsync(DatabaseOptions options, int indicators, int regions, TextWriter log)
    {
        var rng = new Random(2023);
        var sqlite = options.Provider == DatabaseProvider.Sqlite;

        // SQLite keeps decimals as whole ten-thousandths (WanYuanAsYuanConverter); PostgreSQL as numeric.
        object Dec(decimal? v) => v is not { } d ? DBNull.Value : sqlite ? (long)Math.Round(d * 10000m) : d;

        await using var conn = sqlite ? (DbConnection)new SqliteConnection(options.ConnectionString + ";Pooling=False") : new NpgsqlConnection(options.ConnectionString);
        await conn.OpenAsync();
        if (sqlite)
        {
            await ExecAsync(conn, "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL;");
        }
        else
        {
            await ExecAsync(conn, "SET session_replication_role = replica");
        }

        await ExecAsync(conn, "INSERT INTO \"Plans\" (\"Id\", \"Code\", \"Name\", \"Kind\", \"StartYear\", \"EndYear\", \"IsDemo\", \"Version\") VALUES (1, 'bench-2023', '基准测试2023年计划', 1, 2023, 2023, TRUE, 0)".Replace("TRUE", sqlite ? "1" : "TRUE", StringComparison.Ordinal));
        var kinds = new (int Kind, int Direction, bool Cumulative)[indicators];
        await using (var tx = await conn.BeginTransactionAsync())
        {
            for (var i = 1; i <= indicators; i++)
            {
                // 60 % cumulative levels, 20 % shares (point values), 10 % lower-is-better levels, 10 % counts.
                kinds[i - 1] = (i % 10) switch
                {
                    < 6 => (1, 1, true),
                    < 8 => (3, 1, false),
                    8 => (1, 2, true),
                    _ => (4, 1, true),
                };
                var (kind, direction, cumulative) = kinds[i - 1];
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO \"Indicators\" (\"Id\", \"Code\", \"Name\", \"Unit\", \"Category\", \"Kind\", \"Direction\", \"Nature\", \"Cumulative\", \"SortOrder\", \"Version\") VALUES (@id, @code, @name, @unit, '基准', @kind, @dir, @nature, @cum, @id, 0)";
                Param(cmd, "id", i);
                Param(cmd, "code", $"B{i:0000}");
                Param(cmd, "name", $"基准指标{i}");
                Param(cmd, "unit", kind == 3 ? "%" : "亿元");
                Param(cmd, "kind", kind);
                Param(cmd, "dir", direction);
                Param(cmd, "nature", i % 10 == 8 ? 2 : 1);
                Param(cmd, "cum", cumulative);
                await cmd.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }

        var targets = new decimal[indicators, regions];
        for (var i = 0; i < indicators; i++)
        {
            for (var r = 0; r < regions; r++)
            {
                targets[i, r] = kinds[i].Kind == 3 ? 20 + rng.Next(60) : 50 + rng.Next(5000);
            }
        }

        IEnumerable<object[]> TargetRows()
        {
            for (var i = 0; i < indicators; i++)
            {
                for (var r = 0; r < regions; r++)
                {
                    yield return [1, i + 1, 2023, $"R{r + 1:000}", Dec(targets[i, r]), DBNull.Value, 0, 0];
                }
            }
        }

        IEnumerable<object[]> ObservationRows()
        {
            for (var i = 0; i < indicators; i++)
            {
                for (var r = 0; r < regions; r++)
                {
                    var performance = 0.85m + ((decimal)rng.NextDouble() * 0.3m);
                    for (var m = 0; m < Months; m++)
                    {
                        var ym = new YearMonth(FirstYear + (m / 12), (m % 12) + 1);
                        var scale = targets[i, r] * (1 - ((2023 - ym.Year) * 0.05m)) * performance;
                        var value = kinds[i].Cumulative ? scale * ym.Month / 12 : scale;
                        yield return [i + 1, $"R{r + 1:000}", ym.Id.ToString(CultureInfo.InvariantCulture), ym.Id, Dec(Math.Round(value, 2)), Dec(Math.Round((performance - 1) * 20, 1)), true, false, 0];
                    }
                }
            }
        }

        await InsertAsync(conn, sqlite, "IndicatorTargets", ["PlanId", "IndicatorId", "Year", "Region", "Value", "GrowthPct", "Qualifier", "Version"], TargetRows(), log);
        await InsertAsync(conn, sqlite, "IndicatorObservations", ["IndicatorId", "Region", "Period", "EndMonth", "Value", "GrowthPct", "Final", "IsDemo", "Version"], ObservationRows(), log);
        if (!sqlite)
        {
            await ExecAsync(conn, "ANALYZE");
        }
        else
        {
            await ExecAsync(conn, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }

    private static async Task InsertAsync(DbConnection conn, bool sqlite, string table, string[] columns, IEnumerable<object[]> rows, TextWriter log)
    {
        var sw = Stopwatch.StartNew();
        long n = 0;
        if (conn is NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync($"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await copy.StartRowAsync();
                foreach (var v in row)
                {
                    switch (v)
                    {
                        case DBNull: await copy.WriteNullAsync(); break;
                        case decimal d: await copy.WriteAsync(d, NpgsqlDbType.Numeric); break;
                        case int x: await copy.WriteAsync(x, NpgsqlDbType.Integer); break;
                        case bool b: await copy.WriteAsync(b, NpgsqlDbType.Boolean); break;
                        case string s: await copy.WriteAsync(s, NpgsqlDbType.Text); break;
                        default: throw new InvalidOperationException($"unexpected {v.GetType()}");
                    }
                }

                n++;
            }

            await copy.CompleteAsync();
        }
        else
        {
            await using var tx = await conn.BeginTransactionAsync();
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            var ps = columns.Select((_, i) => { var p = cmd.CreateParameter(); p.ParameterName = $"$p{i}"; cmd.Parameters.Add(p); return p; }).ToArray();
            await cmd.PrepareAsync();
            foreach (var row in rows)
            {
                for (var i = 0; i < ps.Length; i++)
                {
                    ps[i].Value = row[i];
                }

                await cmd.ExecuteNonQueryAsync();
                n++;
            }

            await tx.CommitAsync();
        }

        log.WriteLine($"  {table}: {n:N0} rows in {sw.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task ExecAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
