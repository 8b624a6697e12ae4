using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;

namespace PlanPulse.App.Tests.Support;

/// <summary>
/// A fresh, migrated database for one test, deleted afterwards. SQLite: a file in a new temp folder. PostgreSQL: a
/// new uniquely named database on the server <see cref="Databases.PostgresVariable"/> points to, dropped
/// <c>WITH (FORCE)</c>. Without that variable the PostgreSQL cases fail (never skip): run <c>bash scripts/test.sh</c>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string MissingPostgresMessage =
        "PLANPULSE_TEST_POSTGRES is not set, so this PostgreSQL test case cannot run. Run the tests with "
        + "`bash scripts/test.sh` (or `bash scripts/with-postgres.sh dotnet test tests/PlanPulse.App.Tests`), "
        + "which starts a throw-away PostgreSQL server and sets PLANPULSE_TEST_POSTGRES.";

    private static readonly string _root = Path.Combine(Path.GetTempPath(), "planpulse-tests");

    // The demo is loaded once per provider and process into a template; tests that only need the demo get a copy.
    private static readonly Lazy<Task<TestDatabase>> _sqliteDemo = new(() => CreateDemoTemplateAsync(Databases.Sqlite));
    private static readonly Lazy<Task<TestDatabase>> _postgresDemo = new(() => CreateDemoTemplateAsync(Databases.Postgres));

    private readonly string? _serverConnection;
    private readonly string? _databaseName;

    private TestDatabase(string provider, DatabaseOptions options, string? serverConnection, string? databaseName)
    {
        Provider = provider;
        Options = options;
        _serverConnection = serverConnection;
        _databaseName = databaseName;
    }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Provider { get; }

    public DatabaseOptions Options { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string SqliteFile => Path.Combine(Options.DataFolder, "planpulse.db");

    /// <summary>Creates a fresh database for <paramref name="provider"/> and applies the migrations.</summary>
    public static Task<TestDatabase> CreateAsync(string provider) =>
        CreateAsync(provider, Environment.GetEnvironmentVariable(Databases.PostgresVariable));

    /// <summary>
    /// A fresh database holding the 2023 demo portfolio: a copy of one loaded by <see cref="DemoData.LoadAsync"/>
    /// earlier in this test run (loading takes seconds; copying a file or a template database does not).
    /// </summary>
    public static async Task<TestDatabase> CreateWithDemoAsync(string provider)
    {
        var connection = Environment.GetEnvironmentVariable(Databases.PostgresVariable);
        var template = provider switch
        {
            Databases.Sqlite => await _sqliteDemo.Value,
            Databases.Postgres when string.IsNullOrWhiteSpace(connection) => throw new InvalidOperationException(MissingPostgresMessage),
            Databases.Postgres => await _postgresDemo.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "expected \"sqlite\" or \"postgres\""),
        };
        var database = provider == Databases.Sqlite
            ? CreateSqlite(template.SqliteFile)
            : await CreatePostgresAsync(connection, template._databaseName);
        try
        {
            await using var db = database.NewContext();
            await Database.MigrateAsync(db);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    internal static async Task<TestDatabase> CreateAsync(string provider, string? postgresConnection)
    {
        var database = provider switch
        {
            Databases.Sqlite => CreateSqlite(null),
            Databases.Postgres => await CreatePostgresAsync(postgresConnection, null),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "expected \"sqlite\" or \"postgres\""),
        };
        try
        {
            await using var db = database.NewContext();
            await Database.MigrateAsync(db);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new context on this database (the caller disposes it), seeing everything, like the CLI's.</summary>
    public AppDbContext NewContext() => Database.Create(Options);

    /// <summary>A new context with EF interceptors, e.g. to pause a command and interleave two contexts.</summary>
    public AppDbContext NewContext(params IInterceptor[] interceptors)
    {
        if (Options.Provider == DatabaseProvider.Postgres)
        {
            var pg = new DbContextOptionsBuilder<PostgresAppDbContext>();
            Database.Configure(pg, Options);
            pg.AddInterceptors(interceptors);
            return new PostgresAppDbContext(pg.Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteAppDbContext>();
        Database.Configure(sqlite, Options);
        sqlite.AddInterceptors(interceptors);
        return new SqliteAppDbContext(sqlite.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (Options.Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Options.ConnectionString));
            await using var connection = new NpgsqlConnection(_serverConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearPool(new SqliteConnection(Options.ConnectionString));
            DeleteFolder(Options.DataFolder);
        }
    }

    private static TestDatabase CreateSqlite(string? copyOf)
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "planpulse.db");
        if (copyOf is not null)
        {
            File.Copy(copyOf, file);
        }

        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}", folder);
        return new TestDatabase(Databases.Sqlite, options, null, null);
    }

    private static async Task<TestDatabase> CreatePostgresAsync(string? serverConnection, string? template)
    {
        if (string.IsNullOrWhiteSpace(serverConnection))
        {
            throw new InvalidOperationException(MissingPostgresMessage);
        }

        var name = $"pp_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(serverConnection))
        {
            await connection.OpenAsync();
            var from = template is null ? "" : $" TEMPLATE \"{template}\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from} ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(serverConnection) { Database = name };
        var options = new DatabaseOptions(DatabaseProvider.Postgres, builder.ConnectionString, Path.Combine(_root, name));
        return new TestDatabase(Databases.Postgres, options, serverConnection, name);
    }

    private static async Task<TestDatabase> CreateDemoTemplateAsync(string provider)
    {
        var template = await CreateAsync(provider);
        await using (var db = template.NewContext())
        {
            await DemoData.LoadAsync(db);
            if (provider == Databases.Sqlite)
            {
                // Everything into the main file, so copying that one file copies the database.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            }
        }

        // A template database must have no connections while it is copied.
        if (provider == Databases.Sqlite)
        {
            SqliteConnection.ClearPool(new SqliteConnection(template.Options.ConnectionString));
        }
        else
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(template.Options.ConnectionString));
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
