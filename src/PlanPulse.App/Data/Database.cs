using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PlanPulse.App.Data;

public enum DatabaseProvider
{
    Sqlite = 1,
    Postgres = 2,
}

/// <summary>Where the data lives: a SQLite file under the data folder, or PostgreSQL when a connection string is set.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, string DataFolder)
{
    /// <summary>
    /// The data folder is <c>PLANPULSE_DATA</c> or <c>./data</c>. PostgreSQL is used when
    /// <c>ConnectionStrings:Postgres</c> (env <c>ConnectionStrings__Postgres</c>) or <c>PLANPULSE_POSTGRES</c> is set.
    /// </summary>
    public static DatabaseOptions From(IConfiguration config)
    {
        var folder = config["PLANPULSE_DATA"];
        if (string.IsNullOrWhiteSpace(folder))
        {
            folder = Path.Combine(Directory.GetCurrentDirectory(), "data");
        }

        folder = Path.GetFullPath(folder);
        var pg = config.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(pg))
        {
            pg = config["PLANPULSE_POSTGRES"];
        }

        if (!string.IsNullOrWhiteSpace(pg))
        {
            return new DatabaseOptions(DatabaseProvider.Postgres, pg, folder);
        }

        var sqlite = config.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            sqlite = $"Data Source={Path.Combine(folder, "planpulse.db")}";
        }

        return new DatabaseOptions(DatabaseProvider.Sqlite, sqlite, folder);
    }

    /// <summary>Where the data is, for the start-up line: the SQLite file, or PostgreSQL's host and database (never the password).</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
        }

        var s = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString);
        return $"SQLite {s.DataSource}";
    }
}

public static class Database
{
    /// <summary>Registers the provider's context and exposes it as <see cref="AppDbContext"/>.</summary>
    public static IServiceCollection AddPlanPulseDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresAppDbContext>(o => Configure(o, options));
            services.AddScoped<AppDbContext>(sp => WithActor(sp, sp.GetRequiredService<PostgresAppDbContext>()));
        }
        else
        {
            Directory.CreateDirectory(options.DataFolder);
            services.AddDbContext<SqliteAppDbContext>(o => Configure(o, options));
            services.AddScoped<AppDbContext>(sp => WithActor(sp, sp.GetRequiredService<SqliteAppDbContext>()));
        }

        return services;
    }

    /// <summary>When the host registers an <see cref="IRequestActor"/> (the web app), requests see only their scope.</summary>
    private static AppDbContext WithActor(IServiceProvider sp, AppDbContext db)
    {
        db.Actor = sp.GetService<IRequestActor>();
        db.Clock = sp.GetService<TimeProvider>() ?? TimeProvider.System;
        return db;
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            o.UseNpgsql(options.ConnectionString, n => n.MigrationsHistoryTable("__ef_migrations"));
        }
        else
        {
            o.UseSqlite(options.ConnectionString, s => s.MigrationsHistoryTable("__ef_migrations"));
        }
    }

    /// <summary>A context outside DI, for the CLI, tests and benchmarks.</summary>
    public static AppDbContext Create(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var b = new DbContextOptionsBuilder<PostgresAppDbContext>();
            Configure(b, options);
            return new PostgresAppDbContext(b.Options);
        }

        Directory.CreateDirectory(options.DataFolder);
        var s = new DbContextOptionsBuilder<SqliteAppDbContext>();
        Configure(s, options);
        return new SqliteAppDbContext(s.Options);
    }

    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the web app read while the CLI or an import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}

/// <summary>Design-time factories so `dotnet ef migrations add` needs no running app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqliteAppDbContext>();
        b.UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable("__ef_migrations"));
        return new SqliteAppDbContext(b.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<PostgresAppDbContext>();
        b.UseNpgsql("Host=localhost;Database=design", n => n.MigrationsHistoryTable("__ef_migrations"));
        return new PostgresAppDbContext(b.Options);
    }
}
