using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PlanPulse.App.Data;

namespace PlanPulse.Bench;

/// <summary>A loaded benchmark database and how to open the app's context on it.</summary>
internal sealed record BenchDatabase(string Label, DatabaseOptions Options, string ServerVersion, string Size, double LoadSeconds, bool Cached)
{
    public bool IsSqlite => Options.Provider == DatabaseProvider.Sqlite;

    /// <summary>The app's own context, exactly as the CLI and the tests create it.</summary>
    public AppDbContext Create() => Database.Create(Options);

    /// <summary>The same context with an interceptor (profiling only; measured runs use <see cref="Create()"/>).</summary>
    public AppDbContext Create(IInterceptor interceptor)
    {
        if (IsSqlite)
        {
            var s = new DbContextOptionsBuilder<SqliteAppDbContext>();
            Database.Configure(s, Options);
            s.AddInterceptors(interceptor);
            return new SqliteAppDbContext(s.Options);
        }

        var p = new DbContextOptionsBuilder<PostgresAppDbContext>();
        Database.Configure(p, Options);
        p.AddInterceptors(interceptor);
        return new PostgresAppDbContext(p.Options);
    }
}

/// <summary>Creates the schema with the app's migrations, then bulk-loads <see cref="BenchData"/> without EF change tracking.</summary>
internal static class Stores
{
    public const string PostgresDatabase = "planpulse_bench";

    public static async Task<BenchDatabase> SqliteAsync(BenchOptions o, BenchData data, TextWriter log)
    {
        Directory.CreateDirectory(o.DataDir);
        var path = Path.Combine(o.DataDir, $"planpulse-bench-p{data.Projects}-m{data.Months}-s{o.Seed}.db");
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}", o.DataDir);
        var sw = Stopwatch.StartNew();
        var cached = o.UseCache && File.Exists(path) && await IsCurrentAsync(options, data);
        if (cached)
        {
            log.WriteLine($"sqlite: reusing {path} ({data.Fingerprint})");
        }
        else
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }

            log.WriteLine($"sqlite: generating {path} ({data.Fingerprint})");
            await using (var db = Database.Create(options))
            {
                await Database.MigrateAsync(db);
            }

            LoadSqlite(path, data, log);
        }

        string version;
        await using (var c = new SqliteConnection($"Data Source={path}"))
        {
            await c.OpenAsync();
            version = "SQLite " + await ScalarAsync(c, "SELECT sqlite_version()");
        }

        var size = $"{new FileInfo(path).Length / 1048576.0:F0} MB file";
        return new BenchDatabase("SQLite", options, version, size, sw.Elapsed.TotalSeconds, cached);
    }

    private static async Task<bool> IsCurrentAsync(DatabaseOptions options, BenchData data)
    {
        try
        {
            await using var db = Database.Create(options);
            if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                return false; // the app's schema moved on since the file was made
            }

            var value = await db.Settings.AsNoTracking().Where(s => s.Key == BenchData.ParamsKey).Select(s => s.Value).FirstOrDefaultAsync();
            return value == data.Fingerprint;
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>One transaction, one prepared INSERT per table, parameters rebound per row.</summary>
    private static void LoadSqlite(string path, BenchData data, TextWriter log)
    {
        using var conn = new SqliteConnection($"Data Source={path};Pooling=False");
        conn.Open();
        Exec(conn, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
        using (var tx = conn.BeginTransaction())
        {
            foreach (var table in data.Tables())
            {
                var sw = Stopwatch.StartNew();
                using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
                var ps = table.Columns.Select((_, i) => cmd.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
                cmd.Prepare();
                long n = 0;
                foreach (var row in table.Produce())
                {
                    for (var i = 0; i < ps.Length; i++)
                    {
                        // Money is already whole 元 (long), what WanYuanAsYuanConverter stores; DateTime is bound as
                        // text 'yyyy-MM-dd HH:mm:ss[.FFFFFFF]' and DateOnly as 'yyyy-MM-dd', as EF Core writes them.
                        ps[i].Value = row[i] ?? DBNull.Value;
                    }

                    cmd.ExecuteNonQuery();
                    n++;
                }

                Progress(log, table.Name, n, sw.Elapsed.TotalSeconds);
            }

            tx.Commit();
        }

        Exec(conn, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public static async Task<BenchDatabase> PostgresAsync(string serverConnection, BenchData data, TextWriter log)
    {
        var sw = Stopwatch.StartNew();
        var admin = new NpgsqlConnectionStringBuilder(serverConnection) { Pooling = false };
        await using (var c = new NpgsqlConnection(admin.ConnectionString))
        {
            await c.OpenAsync();
            await ExecAsync(c, $"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)");
            await ExecAsync(c, $"CREATE DATABASE {PostgresDatabase}");
        }

        var cs = new NpgsqlConnectionStringBuilder(serverConnection) { Database = PostgresDatabase };
        var options = new DatabaseOptions(DatabaseProvider.Postgres, cs.ConnectionString, Path.GetTempPath());
        log.WriteLine($"postgres: generating database {PostgresDatabase} on {cs.Host}:{cs.Port} ({data.Fingerprint})");
        await using (var db = Database.Create(options))
        {
            await Database.MigrateAsync(db);
        }

        string version, size;
        await using (var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await c.OpenAsync();

            // The rows are consistent by construction: skip the per-row foreign-key triggers while loading (superuser
            // only; without it the load is just slower). Constraints, indexes and the schema stay exactly the app's.
            try
            {
                await ExecAsync(c, "SET session_replication_role = replica");
            }
            catch (PostgresException e)
            {
                log.WriteLine($"  (foreign keys checked per row: {e.MessageText})");
            }

            foreach (var table in data.Tables())
            {
                var t = Stopwatch.StartNew();
                var n = CopyTable(c, table);
                Progress(log, table.Name, n, t.Elapsed.TotalSeconds);
            }

            await ExecAsync(c, "RESET session_replication_role");

            // Explicit ids were loaded: move identity sequences past them, as if the rows had been inserted normally.
            foreach (var table in data.Tables().Where(t => t.HasIdentity))
            {
                await ExecAsync(c, $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table.Name}\"))");
            }

            var v = Stopwatch.StartNew();
            await ExecAsync(c, "VACUUM ANALYZE");
            log.WriteLine($"  VACUUM ANALYZE {v.Elapsed.TotalSeconds,6:F1} s");
            version = "PostgreSQL " + await ScalarAsync(c, "SHOW server_version");
            CpuClock.Track(int.Parse(await ScalarAsync(c, "SELECT pg_backend_pid()"), CultureInfo.InvariantCulture));
            size = await ScalarAsync(c, "SELECT pg_size_pretty(pg_database_size(current_database()))") + " database";
        }

        return new BenchDatabase("PostgreSQL", options, version, size, sw.Elapsed.TotalSeconds, Cached: false);
    }

    /// <summary>Binary COPY: numeric 万元 for money, timestamptz (UTC) for instants, date for DateOnly.</summary>
    private static long CopyTable(NpgsqlConnection c, Table table)
    {
        using var w = c.BeginBinaryImport($"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(x => $"\"{x.Name}\""))}) FROM STDIN (FORMAT BINARY)");
        long n = 0;
        var kinds = table.Columns.Select(x => x.Kind).ToArray();
        foreach (var row in table.Produce())
        {
            w.StartRow();
            for (var i = 0; i < kinds.Length; i++)
            {
                var v = row[i];
                if (v is null)
                {
                    w.WriteNull();
                    continue;
                }

                switch (kinds[i])
                {
                    case Kind.Int:
                        w.Write((int)v, NpgsqlDbType.Integer);
                        break;
                    case Kind.Money:
                        w.Write((long)v / 10000m, NpgsqlDbType.Numeric);
                        break;
                    case Kind.Text:
                        w.Write((string)v, NpgsqlDbType.Text);
                        break;
                    case Kind.Timestamp:
                        w.Write((DateTime)v, NpgsqlDbType.TimestampTz);
                        break;
                    case Kind.Date:
                        w.Write((DateOnly)v, NpgsqlDbType.Date);
                        break;
                    case Kind.Bool:
                        w.Write((bool)v, NpgsqlDbType.Boolean);
                        break;
                    default:
                        throw new InvalidOperationException(kinds[i].ToString());
                }
            }

            n++;
        }

        w.Complete();
        return n;
    }

    private static void Progress(TextWriter log, string table, long rows, double seconds) =>
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-20} {rows,10:N0} rows {seconds,6:F1} s"));

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static async Task ExecAsync(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }
}
